import { fromPlainText } from "../../../core/formatting/rich-text";
import { asId, asNumber, asObject, asString } from "../json";
import { chatOf, type ItemResult, type MessagingItem } from "./item-context";

/** `message_edit: {mid, text, num_edit}` (Messenger's message_edits field): the new text of a message. */
export function parseEditEvent(item: MessagingItem): ItemResult {
  const { account, senderId } = item;
  const edit = asObject(item.item.message_edit) ?? {};
  const target = asId(edit.mid);
  const text = asString(edit.text);
  if (!senderId || !target || text === undefined) return { reason: "edit without a sender, a message id or text", account, id: target };
  if (senderId === account) return { reason: "edit by the account itself", account, id: target };
  // num_edit counts the edits of one message (at most 5): with the mid, a stable id for Meta's retries
  const edition = asNumber(edit.num_edit) ?? item.timestamp;
  return [{ kind: "edit", ...chatOf(item, senderId), targetMessageId: target, content: fromPlainText(text), timestamp: item.timestamp, eventId: `${account}:${target}:${edition}` }];
}
