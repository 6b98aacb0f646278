import type { RemoteDeletion, RemoteEvent, RemoteMessage } from "../../../core/networks/connector";
import { fromPlainText } from "../../../core/formatting/rich-text";
import { asId, asObject, asObjects, asString, type JsonObject } from "../json";
import { partMessageId } from "../message-parts";
import { parseAttachment } from "./attachments";
import { chatOf, type ItemResult, type MessagingItem } from "./item-context";

/**
 * A `message` item: a person's text and attachments (one remote message per attachment, the text
 * on the first), an unsent message (Instagram is_deleted) as a deletion, a message the API cannot
 * show (is_unsupported) as an unsupported one. Echoes of what the account sent are skipped.
 */
export function parseMessageEvent(item: MessagingItem): ItemResult {
  const { account } = item;
  const message = asObject(item.item.message)!;
  const messageId = asId(message.mid);
  if (message.is_echo === true) {
    const appId = asId(message.app_id);
    const ours = item.ctx.appId !== "" && appId === item.ctx.appId;
    return { reason: ours ? "echo of our own send" : `echo of a message sent by ${appId ? `app ${appId}` : "the inbox"}`, account, id: messageId };
  }
  const senderId = item.senderId;
  if (!senderId || !messageId) return { reason: "message without a sender or an id", account, id: messageId };
  if (senderId === account) return { reason: "message sent by the account itself", account, id: messageId };
  if (message.is_deleted === true) return [deletion(item, senderId, messageId)];

  const base: RemoteMessage = { kind: "message", ...chatOf(item, senderId), messageId, timestamp: item.timestamp, content: [] };
  const replyTo = asId(asObject(message.reply_to)?.mid);
  if (replyTo) base.replyToMessageId = replyTo;
  if (message.is_unsupported === true) return [{ ...base, unsupported: `a message that ${item.dialect.label} does not pass on to the bridge` }];

  const text = asString(message.text) ?? "";
  const attachments = attachmentsOf(message.attachments);
  if (!attachments.length) {
    if (!text) return { reason: "message without text or attachments", account, id: messageId };
    return [{ ...base, content: fromPlainText(text) }];
  }
  return attachments.map((attachment, index): RemoteEvent => {
    const part = parseAttachment(attachment, item.dialect.label);
    const event: RemoteMessage = { ...base, messageId: partMessageId(messageId, index), ...part };
    if (index === 0 && text) event.content = [...fromPlainText(text), ...(part.content.length ? [{ t: "text" as const, text: "\n" }, ...part.content] : [])];
    if (index > 0) delete event.replyToMessageId;
    return event;
  });
}

function deletion(item: MessagingItem, senderId: string, messageId: string): RemoteDeletion {
  return { kind: "delete", ...chatOf(item, senderId), targetMessageId: messageId, timestamp: item.timestamp, eventId: `${item.account}:${messageId}` };
}

/**
 * The attachments to bridge. Instagram has been seen to send a single object instead of an array;
 * Messenger sent a sticker twice from June to August 2026 (a `sticker` attachment alongside the
 * legacy `image` with a sticker_id): the legacy one is dropped then.
 */
function attachmentsOf(value: unknown): JsonObject[] {
  const attachments = Array.isArray(value) ? asObjects(value) : asObjects([value]);
  if (!attachments.some((a) => a.type === "sticker")) return attachments;
  return attachments.filter((a) => !(a.type === "image" && asId(asObject(a.payload)?.sticker_id)));
}
