import { asId, asObject, asObjects, asString, type JsonObject } from "../meta/json";
import type { RemoteEvent } from "../../core/networks/connector";
import type { ParseContext, ParsedDelivery, SkippedItem } from "../meta/product";
import { parseWhatsAppMessage } from "./message-parser";
import { parseWhatsAppStatus } from "./status-parser";

/**
 * WhatsApp Cloud API deliveries (object whatsapp_business_account): each change of field
 * "messages" carries the receiving phone number id in value.metadata, messages[] (people's
 * messages and reactions) and statuses[] (what became of the business's messages).
 */
export function parseWhatsAppDelivery(payload: JsonObject, ctx: ParseContext): ParsedDelivery {
  const delivery: ParsedDelivery = { events: [], skipped: [] };
  const add = (result: RemoteEvent | SkippedItem) => {
    if ("kind" in result) delivery.events.push(result);
    else delivery.skipped.push(result);
  };
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
      for (const message of asObjects(value.messages)) add(parseWhatsAppMessage(message, { account, contacts, now: ctx.now }));
      for (const status of asObjects(value.statuses)) add(parseWhatsAppStatus(status, account, ctx.now));
      if (asObjects(value.errors).length) delivery.skipped.push({ reason: "out-of-band errors", account });
    }
  }
  return delivery;
}
