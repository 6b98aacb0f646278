import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, windowIsOpen } from "../customer-service-window";
import { invalidParameter } from "../common-errors";
import type { ResolvedAccount } from "../directory";
import type { GraphCall, GraphResult } from "../product";
import type { EmulatorServices } from "../services";
import { echoMessagingEvent, messagingEnvelope } from "./messaging-webhook";
import type { SendApiRules } from "./rules";
import { parseSendApi, type SendApiRequest } from "./send-request";

type MessageRequest = Extract<SendApiRequest, { kind: "message" }>;

/** POST /{page_id|ig_id|me}/messages for Messenger and Instagram. */
export class SendApiEndpoint {
  constructor(
    private readonly services: EmulatorServices,
    private readonly rules: SendApiRules,
  ) {}

  handle(call: GraphCall): GraphResult {
    const request = parseSendApi(call.params, this.rules);
    const { network } = this.rules;
    const { account, now } = call;
    if (!this.services.directory.user(network, request.recipientId)) throw this.rules.unknownRecipient();
    const windowMs = request.kind === "message" && request.tag === "HUMAN_AGENT" ? HUMAN_AGENT_WINDOW_MS : STANDARD_WINDOW_MS;
    if (!windowIsOpen(this.services.ledger.lastInbound(network, account.id, request.recipientId), now, windowMs)) throw this.rules.windowClosed();
    if (request.kind === "message" && request.attachment?.attachmentId !== undefined) {
      // The Attachment Upload API is not emulated, so no attachment id can exist.
      throw invalidParameter(`Attachment ${request.attachment.attachmentId} does not exist; send the attachment by url`);
    }
    if (request.kind === "message") return this.sendMessage(account, request, now);
    if (request.reactedMessageId === undefined) return { body: { recipient_id: request.recipientId } };
    const reacted = this.services.ledger.find(network, account.id, request.reactedMessageId);
    if (!reacted || reacted.userId !== request.recipientId) throw invalidParameter(`payload['message_id'] is not a message of the conversation with ${request.recipientId}`);
    return { body: { recipient_id: request.recipientId, message_id: request.reactedMessageId } };
  }

  private sendMessage(account: ResolvedAccount, request: MessageRequest, now: number): GraphResult {
    const mid = this.rules.newMessageId(account);
    this.services.ledger.add({ network: this.rules.network, accountId: account.id, userId: request.recipientId, messageId: mid, direction: "outbound", at: now });
    const afterResponse = this.services.echoWebhooks ? () => this.echo(account, request, mid) : undefined;
    return { body: { recipient_id: request.recipientId, message_id: mid }, afterResponse };
  }

  private echo(account: ResolvedAccount, request: MessageRequest, mid: string): void {
    const now = this.services.clock.now();
    const event = echoMessagingEvent(account, request.recipientId, { mid, ...request }, now);
    this.services.webhooks.postInBackground({ account, kind: "echo", payload: messagingEnvelope(this.rules.webhookObject, account, now, event) });
  }
}
