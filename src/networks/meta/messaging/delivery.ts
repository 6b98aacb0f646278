import { asId, asNumber, asObject, asObjects, asString, type JsonObject } from "../json";
import type { ParseContext, ParsedDelivery } from "../product";
import { parseEditEvent } from "./edit-event";
import type { ItemResult, MessagingDialect, MessagingItem } from "./item-context";
import { parseMessageEvent } from "./message-event";
import { parseReactionEvent } from "./reaction-event";
import { parseDeliveryEvent, parseReadEvent } from "./receipt-events";

/** Which key of a messaging item says what it is, and who reads it. */
const PARSERS: readonly [string, (item: MessagingItem) => ItemResult][] = [
  ["message", parseMessageEvent],
  ["reaction", parseReactionEvent],
  ["message_edit", parseEditEvent],
  ["read", parseReadEvent],
  ["delivery", parseDeliveryEvent],
];

const OTHER_EVENT_KEYS = ["postback", "referral", "optin", "policy_enforcement", "pass_thread_control", "take_thread_control"];

/**
 * Messenger and Instagram deliveries: entry[].id is the receiving account (Page / IG account),
 * each messaging[] item one event. Messages (text and attachments), reactions, edits, reads and
 * deliveries from people become remote events; echoes of what the account sent (through us or
 * anything else) and other events are skipped.
 */
export function parseMessagingDelivery(payload: JsonObject, ctx: ParseContext, dialect: MessagingDialect): ParsedDelivery {
  const delivery: ParsedDelivery = { events: [], skipped: [] };
  for (const entry of asObjects(payload.entry)) {
    const account = asId(entry.id);
    if (!account) {
      delivery.skipped.push({ reason: "entry without an id" });
      continue;
    }
    const entryTime = asNumber(entry.time) ?? ctx.now;
    for (const item of asObjects(entry.messaging)) {
      const result = parseItem({ item, account, senderId: asId(asObject(item.sender)?.id), timestamp: asNumber(item.timestamp) ?? entryTime, dialect, ctx });
      if (Array.isArray(result)) delivery.events.push(...result);
      else delivery.skipped.push(result);
    }
    if (asObjects(entry.standby).length) delivery.skipped.push({ reason: "standby events (another app owns the thread)", account });
    for (const change of asObjects(entry.changes)) delivery.skipped.push({ reason: `change of field ${asString(change.field) ?? "?"}`, account });
  }
  return delivery;
}

function parseItem(item: MessagingItem): ItemResult {
  const parser = PARSERS.find(([key]) => key in item.item);
  if (parser) return parser[1](item);
  const kind = OTHER_EVENT_KEYS.find((key) => key in item.item) ?? "unknown";
  return { reason: `${kind} event`, account: item.account };
}
