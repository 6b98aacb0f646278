import type { RemoteMessage } from "../../core/networks/connector";
import { asId, asObject, asObjects, asString, type JsonObject } from "../meta/json";
import type { ParseContext, ParsedDelivery } from "../meta/product";
import { parseWhatsAppMarkup } from "./markup-parse";

/**
 * WhatsApp Cloud API deliveries (object whatsapp_business_account): each change of field
 * "messages" carries the receiving phone number id in value.metadata, messages[] and statuses[].
 * Text messages become RemoteMessages; other types and statuses are skipped for now.
 */
export function parseWhatsAppDelivery(payload: JsonObject, ctx: ParseContext): ParsedDelivery {
  const delivery: ParsedDelivery = { events: [], skipped: [] };
  for (const entry of asObjects(payload.entry)) {
    for (const change of asObjects(entry.changes)) {
      const value = asObject(change.value);
      if (change.field !== "messages" || !value) {
        delivery.skipped.push({ reason: `change of field ${asString(change.field) ?? "?"}`, account: asId(entry.id) });
        continue;
      }
      const account = asId(asObject(value.metadata)?.phone_number_id);
      if (!account) {
        delivery.skipped.push({ reason: "change without metadata.phone_number_id", account: asId(entry.id) });
        continue;
      }
      const contacts = asObjects(value.contacts);
      for (const message of asObjects(value.messages)) {
        const parsed = parseMessage(message, account, contacts, ctx);
        if ("kind" in parsed) delivery.events.push(parsed);
        else delivery.skipped.push(parsed);
      }
      const statuses = asObjects(value.statuses);
      if (statuses.length) delivery.skipped.push({ reason: `${statuses.length} status update(s) (not bridged yet)`, account });
      if (asObjects(value.errors).length) delivery.skipped.push({ reason: "out-of-band errors", account });
    }
  }
  return delivery;
}

function parseMessage(message: JsonObject, account: string, contacts: JsonObject[], ctx: ParseContext): RemoteMessage | { reason: string; account: string; id?: string } {
  const messageId = asId(message.id);
  const phone = asId(message.from);
  const bsuid = asId(message.from_user_id);
  // the person is keyed on the phone number when the delivery has it, on the BSUID otherwise
  const senderId = phone ?? bsuid;
  if (!messageId || !senderId) return { reason: "message without an id or a sender", account, id: messageId };
  const type = asString(message.type);
  const body = asString(asObject(message.text)?.body);
  if (type !== "text" || body === undefined) return { reason: `message of type ${type ?? "?"} (not bridged yet)`, account, id: messageId };

  const seconds = Number(asString(message.timestamp) ?? message.timestamp);
  const event: RemoteMessage = {
    kind: "message",
    chat: { network: "whatsapp", chatId: senderId, receiver: account },
    sender: { id: senderId },
    messageId,
    timestamp: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : ctx.now,
    content: parseWhatsAppMarkup(body),
  };
  const name = contactFor(contacts, phone, bsuid)?.name;
  if (name) event.sender.name = name;
  const replyTo = asId(asObject(message.context)?.id);
  if (replyTo) event.replyToMessageId = replyTo;
  return event;
}

function contactFor(contacts: JsonObject[], phone: string | undefined, bsuid: string | undefined): { name?: string } | undefined {
  const match =
    contacts.find((c) => (phone !== undefined && asId(c.wa_id) === phone) || (bsuid !== undefined && asId(c.user_id) === bsuid)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  if (!match) return undefined;
  return { name: asString(asObject(match.profile)?.name) || undefined };
}
