import type { ChatKey, OutgoingMessage } from "../../core/networks/connector";
import { plainOutgoingText } from "../meta/plain-outgoing";
import type { OutgoingRequest } from "../meta/product";
import { splitText, utf8Bytes } from "../meta/text-split";

/** message.text limit of Instagram's Send API, in UTF-8 bytes */
export const INSTAGRAM_TEXT_LIMIT_BYTES = 1000;

/** POST /{ig_account_id}/messages; like Messenger, no reply field and no messaging_type needed. */
export function instagramRequests(chat: ChatKey, message: OutgoingMessage): OutgoingRequest[] {
  return splitText(plainOutgoingText(message), INSTAGRAM_TEXT_LIMIT_BYTES, utf8Bytes).map((text) => ({
    path: `${chat.receiver}/messages`,
    body: { recipient: { id: chat.chatId }, message: { text } },
  }));
}
