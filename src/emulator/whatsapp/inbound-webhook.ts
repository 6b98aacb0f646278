import type { MessageLedger } from "../graph/message-ledger";
import type { InboundEvent } from "../graph/product";
import { whatsappEnvelope, whatsappTimestamp } from "./webhook-envelope";

/** A user's text message as the Cloud API reports it (field "messages", type "text"). */
export function whatsappInboundWebhook(event: InboundEvent, ledger: MessageLedger): unknown {
  const { account, user } = event;
  const message: Record<string, unknown> = { from: user.id, id: event.messageId, timestamp: whatsappTimestamp(event.sentAt) };
  if (event.replyTo !== undefined) {
    const quoted = ledger.find("whatsapp", account.id, event.replyTo);
    // A quoted message of the user's own carries the user's number; anything else came from the business.
    const from = quoted?.direction === "inbound" ? quoted.userId : account.displayPhoneNumber;
    message.context = { from, id: event.replyTo };
  }
  message.type = "text";
  message.text = { body: event.text };
  return whatsappEnvelope(account, { contacts: [{ profile: { name: event.senderName }, wa_id: user.id }], messages: [message] });
}
