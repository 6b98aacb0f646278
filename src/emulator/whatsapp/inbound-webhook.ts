import type { ResolvedAccount } from "../graph/directory";
import type { MessageLedger } from "../graph/message-ledger";
import type { InboundEvent } from "../graph/product";
import type { EmulatorUser } from "../types";
import { whatsappEnvelope, whatsappTimestamp } from "./webhook-envelope";

/** Who sent a WhatsApp message, when, and what it answers. */
export interface WhatsAppUserMessage {
  account: ResolvedAccount;
  user: EmulatorUser;
  senderName: string;
  messageId: string;
  replyTo?: string;
  /** When the user sent it (ms). */
  sentAt: number;
}

/**
 * A user's message as the Cloud API reports it (field "messages"): the sender's profile in
 * contacts[], then the message with its type and the object of that type.
 */
export function whatsappMessageWebhook(message: WhatsAppUserMessage, ledger: MessageLedger, type: string, content: unknown): unknown {
  const { account, user } = message;
  const entry: Record<string, unknown> = { from: user.id, id: message.messageId, timestamp: whatsappTimestamp(message.sentAt) };
  if (message.replyTo !== undefined) {
    const quoted = ledger.find("whatsapp", account.id, message.replyTo);
    // A quoted message of the user's own carries the user's number; anything else came from the business.
    const from = quoted?.direction === "inbound" ? quoted.userId : account.displayPhoneNumber;
    entry.context = { from, id: message.replyTo };
  }
  entry.type = type;
  entry[type] = content;
  return whatsappEnvelope(account, { contacts: [{ profile: { name: message.senderName }, wa_id: user.id }], messages: [entry] });
}

/** A user's text message (type "text"). */
export function whatsappInboundWebhook(event: InboundEvent, ledger: MessageLedger): unknown {
  return whatsappMessageWebhook(event, ledger, "text", { body: event.text });
}
