import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, windowIsOpen } from "../customer-service-window";
import { invalidParameter } from "../common-errors";
import type { ResolvedAccount } from "../directory";
import type { GraphCall, GraphResult } from "../product";
import type { EmulatorServices } from "../services";
import { AttachmentResolver, type ResolvedAttachment } from "./attachment-resolver";
import { checkHumanAgentTag } from "./human-agent";
import { echoMessagingEvent, messagingEnvelope } from "./messaging-webhook";
import type { SendApiRules } from "./rules";
import { parseSendApi, type SendApiRequest } from "./send-request";

type MessageRequest = Extract<SendApiRequest, { kind: "message" }>;

/** POST /{page_id|ig_id|me}/messages for Messenger and Instagram. */
export class SendApiEndpoint {
  private readonly attachments: AttachmentResolver;

  constructor(
    private readonly services: EmulatorServices,
    private readonly rules: SendApiRules,
  ) {
    this.attachments = new AttachmentResolver(services, rules);
  }

  async handle(call: GraphCall): Promise<GraphResult> {
    const request = parseSendApi(call.params, call.files, this.rules);
    const { network } = this.rules;
    const { account, now } = call;
    if (!this.services.directory.user(network, request.recipientId)) throw this.rules.unknownRecipient();
    if (request.kind === "message") checkHumanAgentTag(account, request.tag);
    const windowMs = request.kind === "message" && request.tag === "HUMAN_AGENT" ? HUMAN_AGENT_WINDOW_MS : STANDARD_WINDOW_MS;
    if (!windowIsOpen(this.services.ledger.lastInbound(network, account.id, request.recipientId), now, windowMs)) throw this.rules.windowClosed();
    if (request.kind === "message") return this.sendMessage(account, request, now);
    if (request.reactedMessageId === undefined) return { body: { recipient_id: request.recipientId } };
    this.requireMessageOfChat(account, request.recipientId, request.reactedMessageId, "payload['message_id']");
    return { body: { recipient_id: request.recipientId, message_id: request.reactedMessageId } };
  }

  private async sendMessage(account: ResolvedAccount, request: MessageRequest, now: number): Promise<GraphResult> {
    if (request.replyTo !== undefined) this.requireMessageOfChat(account, request.recipientId, request.replyTo, "reply_to['mid']");
    const attachment = request.attachment ? await this.attachments.resolve(account, request.attachment) : undefined;
    const mid = this.rules.newMessageId(account);
    this.services.ledger.add({ network: this.rules.network, accountId: account.id, userId: request.recipientId, messageId: mid, direction: "outbound", at: now });
    if (attachment) this.attachments.record(account, { recipientId: request.recipientId, messageId: mid, attachment, now });
    const afterResponse = this.services.echoWebhooks ? () => this.echo(account, request, mid, attachment) : undefined;
    return { body: { recipient_id: request.recipientId, message_id: mid }, afterResponse };
  }

  private requireMessageOfChat(account: ResolvedAccount, recipientId: string, messageId: string, param: string): void {
    const message = this.services.ledger.find(this.rules.network, account.id, messageId);
    if (!message || message.userId !== recipientId) throw invalidParameter(`${param} is not a message of the conversation with ${recipientId}`);
  }

  private echo(account: ResolvedAccount, request: MessageRequest, mid: string, attachment: ResolvedAttachment | undefined): void {
    const now = this.services.clock.now();
    const echoed = { mid, text: request.text, metadata: request.metadata, attachment: attachment && { type: attachment.type, url: attachment.url } };
    const event = echoMessagingEvent(account, request.recipientId, echoed, now);
    this.services.webhooks.postInBackground({ account, kind: "echo", payload: messagingEnvelope(this.rules.webhookObject, account, now, event) });
  }
}
