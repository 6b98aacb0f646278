import { invalidParameter } from "../graph/common-errors";
import { STANDARD_WINDOW_MS, windowIsOpen } from "../graph/customer-service-window";
import type { ResolvedAccount } from "../graph/directory";
import { newWamid } from "../graph/ids";
import type { GraphCall, GraphResult } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import { invalidParameterValue, reEngagementRequired, undeliverable } from "./errors";
import { MEDIA_MESSAGE_TYPES, type MediaMessageType } from "./message-content";
import { OutgoingMediaResolver } from "./outgoing-media";
import { parseWhatsAppSend, type WhatsAppSendRequest } from "./send-request";
import { scheduleStatusWebhooks } from "./status-webhooks";
import type { WhatsAppStores } from "./stores";
import { resolveTemplateMessage, type TemplateMessage } from "./templates/template-message";

/** Read receipts are accepted this long after the message arrived. */
const READ_RECEIPT_LIMIT_MS = 30 * 24 * 60 * 60 * 1000;

type MessageRequest = Extract<WhatsAppSendRequest, { kind: "message" }>;

/** `to` may carry a "+"; wa_id is the bare digits. */
function waIdOf(to: string): string {
  const digits = to.replace(/^\+/, "");
  if (!/^\d{5,15}$/.test(digits)) throw invalidParameter(`Param to must be a phone number in international format, got "${to}"`);
  return digits;
}

function isMediaType(type: string): type is MediaMessageType {
  return (MEDIA_MESSAGE_TYPES as readonly string[]).includes(type);
}

/** POST /{phone_number_id}/messages: messages (templates checked against the number's WABA), read receipts and typing indicators. */
export class WhatsAppMessagesEndpoint {
  private readonly media: OutgoingMediaResolver;

  constructor(
    private readonly services: EmulatorServices,
    private readonly stores: WhatsAppStores,
  ) {
    this.media = new OutgoingMediaResolver(services, stores.media);
  }

  async handle(call: GraphCall): Promise<GraphResult> {
    const request = parseWhatsAppSend(call.params);
    if (request.kind === "message") return this.sendMessage(call.account, request, call.now);
    this.checkReceiptTarget(call.account, request.messageId, call.now);
    return { body: { success: true } };
  }

  private async sendMessage(account: ResolvedAccount, request: MessageRequest, now: number): Promise<GraphResult> {
    const waId = waIdOf(request.to);
    const { directory, ledger } = this.services;
    if (!directory.user("whatsapp", waId)) throw undeliverable(request.to);
    if (request.type !== "template" && !windowIsOpen(ledger.lastInbound("whatsapp", account.id, waId), now, STANDARD_WINDOW_MS)) {
      throw reEngagementRequired();
    }
    this.checkReferences(account, request, waId);
    const template = request.type === "template" ? resolveTemplateMessage(this.stores.templates, account.wabaId, request.content) : undefined;
    const file = isMediaType(request.type) ? await this.media.resolve(account, request.type, request.content, now) : undefined;
    const messageId = newWamid();
    ledger.add({ network: "whatsapp", accountId: account.id, userId: waId, messageId, direction: "outbound", at: now });
    if (file && isMediaType(request.type)) this.media.record(account, { waId, messageId, type: request.type, content: request.content, file, now });
    if (template) this.recordTemplate(account, { waId, messageId, template, now });
    // Meta reports message_status mainly for templates (accepted, or held back by pacing).
    const sent = template ? { id: messageId, message_status: "accepted" } : { id: messageId };
    const body = { messaging_product: "whatsapp", contacts: [{ input: request.to, wa_id: waId }], messages: [sent] };
    const afterResponse = this.services.statusWebhooks ? () => scheduleStatusWebhooks(this.services, account, messageId, waId, request.type) : undefined;
    return { body, afterResponse };
  }

  private recordTemplate(account: ResolvedAccount, sent: { waId: string; messageId: string; template: TemplateMessage; now: number }): void {
    const { template, parameters, rendered } = sent.template;
    this.stores.sentTemplates.add({
      accountId: account.id,
      wabaId: account.wabaId,
      recipientId: sent.waId,
      messageId: sent.messageId,
      name: template.name,
      language: template.language,
      category: template.category,
      parameters,
      rendered,
      at: sent.now,
    });
  }

  private checkReferences(account: ResolvedAccount, request: MessageRequest, waId: string): void {
    if (request.replyTo !== undefined) {
      if (!request.replyTo.startsWith("wamid.")) throw invalidParameterValue(`context.message_id "${request.replyTo}" is not a WhatsApp message id`);
      const quoted = this.services.ledger.find("whatsapp", account.id, request.replyTo);
      if (!quoted || quoted.userId !== waId) throw invalidParameterValue(`context.message_id is not a message of the chat with ${waId}`);
    }
    if (request.type === "reaction") {
      const target = this.services.ledger.find("whatsapp", account.id, String(request.content.message_id));
      if (!target || target.userId !== waId) throw invalidParameterValue(`reaction.message_id is not a message of the chat with ${waId}`);
    }
  }

  private checkReceiptTarget(account: ResolvedAccount, messageId: string, now: number): void {
    const message = this.services.ledger.find("whatsapp", account.id, messageId);
    if (!message || message.direction !== "inbound" || now - message.at > READ_RECEIPT_LIMIT_MS) {
      throw invalidParameterValue(`message_id "${messageId}" is not a message this number received in the last 30 days`);
    }
  }
}
