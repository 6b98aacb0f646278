import type { RemoteMessage } from "../../core/networks/connector";
import { fromPlainText } from "../../core/formatting/rich-text";
import { asId, asNumber, asObject, asObjects, asString, type JsonObject } from "./json";
import type { ParseContext, ParsedDelivery, SkippedItem } from "./product";

/** What differs between Messenger's and Instagram's `entry[].messaging[]` deliveries. */
export interface MessagingDialect {
  network: string;
  /** `message` flags that mean "nothing to bridge yet" (Instagram: is_deleted, is_unsupported) */
  ignoredMessageFlags: readonly string[];
}

const OTHER_EVENT_KEYS = ["read", "delivery", "reaction", "postback", "referral", "optin", "message_edit", "policy_enforcement", "pass_thread_control", "take_thread_control"];

/**
 * Messenger and Instagram deliveries: entry[].id is the receiving account (Page / IG account),
 * each messaging[] item one event. Text messages from people become RemoteMessages; echoes of
 * what the account sent (through us or anything else) and other events are skipped for now.
 */
export function parseMessagingDelivery(payload: JsonObject, ctx: ParseContext, dialect: MessagingDialect): ParsedDelivery {
  const delivery: ParsedDelivery = { events: [], skipped: [] };
  for (const entry of asObjects(payload.entry)) {
    const account = asId(entry.id);
    if (!account) {
      delivery.skipped.push({ reason: "entry without an id" });
      continue;
    }
    for (const item of asObjects(entry.messaging)) {
      const result = parseItem(item, account, asNumber(entry.time) ?? ctx.now, ctx, dialect);
      if ("kind" in result) delivery.events.push(result);
      else delivery.skipped.push(result);
    }
    if (asObjects(entry.standby).length) delivery.skipped.push({ reason: "standby events (another app owns the thread)", account });
    for (const change of asObjects(entry.changes)) delivery.skipped.push({ reason: `change of field ${asString(change.field) ?? "?"}`, account });
  }
  return delivery;
}

function parseItem(item: JsonObject, account: string, entryTime: number, ctx: ParseContext, dialect: MessagingDialect): RemoteMessage | SkippedItem {
  const message = asObject(item.message);
  if (!message) {
    const kind = OTHER_EVENT_KEYS.find((key) => key in item) ?? "unknown";
    return { reason: `${kind} event`, account };
  }
  const messageId = asId(message.mid);
  if (message.is_echo === true) {
    const appId = asId(message.app_id);
    const ours = ctx.appId !== "" && appId === ctx.appId;
    return { reason: ours ? "echo of our own send" : `echo of a message sent by ${appId ? `app ${appId}` : "the inbox"}`, account, id: messageId };
  }
  const senderId = asId(asObject(item.sender)?.id);
  if (!senderId || !messageId) return { reason: "message without a sender or an id", account, id: messageId };
  if (senderId === account) return { reason: "message sent by the account itself", account, id: messageId };
  const flag = dialect.ignoredMessageFlags.find((name) => message[name] === true);
  if (flag) return { reason: `message with ${flag}`, account, id: messageId };
  const text = asString(message.text);
  if (!text) return { reason: "message without text (attachments are not bridged yet)", account, id: messageId };

  const event: RemoteMessage = {
    kind: "message",
    chat: { network: dialect.network, chatId: senderId, receiver: account },
    sender: { id: senderId },
    messageId,
    timestamp: asNumber(item.timestamp) ?? entryTime,
    content: fromPlainText(text),
  };
  const replyTo = asId(asObject(message.reply_to)?.mid);
  if (replyTo) event.replyToMessageId = replyTo;
  return event;
}
