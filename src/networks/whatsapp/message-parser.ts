import type { RemoteMessage, RemoteReaction, RemoteSender } from "../../core/networks/connector";
import { asId, asObject, asString, type JsonObject } from "../meta/json";
import type { SkippedItem } from "../meta/product";
import { whatsappMessageBody } from "./message-body";
import { whatsappTime } from "./timestamps";

export interface WhatsAppMessageContext {
  /** the receiving phone number id */
  account: string;
  /** value.contacts: the senders' profiles */
  contacts: JsonObject[];
  now: number;
}

/**
 * One of value.messages[]: a reaction becomes a RemoteReaction (no emoji: taken back), anything
 * else a RemoteMessage with its text or caption, media, location, contacts or an "unsupported"
 * description. The person is keyed on the phone number when the delivery has it, on the BSUID
 * otherwise.
 */
export function parseWhatsAppMessage(message: JsonObject, ctx: WhatsAppMessageContext): RemoteMessage | RemoteReaction | SkippedItem {
  const { account } = ctx;
  const messageId = asId(message.id);
  const phone = asId(message.from);
  const bsuid = asId(message.from_user_id);
  const senderId = phone ?? bsuid;
  if (!messageId || !senderId) return { reason: "message without an id or a sender", account, id: messageId };
  const type = asString(message.type) ?? "";
  const chat = { network: "whatsapp", chatId: senderId, receiver: account };
  const sender: RemoteSender = { id: senderId };
  const name = contactFor(ctx.contacts, phone, bsuid);
  if (name) sender.name = name;
  const timestamp = whatsappTime(message.timestamp, ctx.now);

  if (type === "reaction") {
    const reaction = asObject(message.reaction) ?? {};
    const target = asId(reaction.message_id);
    if (!target) return { reason: "reaction without a message id", account, id: messageId };
    // each reaction change is a message of its own: its wamid identifies the change
    const event: RemoteReaction = { kind: "reaction", chat, sender, targetMessageId: target, timestamp, eventId: messageId };
    const emoji = asString(reaction.emoji);
    if (emoji) event.emoji = emoji;
    return event;
  }

  const body = whatsappMessageBody(type, message);
  if ("skip" in body) return { reason: body.skip, account, id: messageId };
  const event: RemoteMessage = { kind: "message", chat, sender, messageId, timestamp, ...body };
  const replyTo = asId(asObject(message.context)?.id);
  if (replyTo) event.replyToMessageId = replyTo;
  return event;
}

function contactFor(contacts: JsonObject[], phone: string | undefined, bsuid: string | undefined): string | undefined {
  const match =
    contacts.find((c) => (phone !== undefined && asId(c.wa_id) === phone) || (bsuid !== undefined && asId(c.user_id) === bsuid)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  return asString(asObject(match?.profile)?.name) || undefined;
}
