import type { ChatKey, OutgoingMessage } from "../../core/networks/connector";
import { sendApiMessage } from "../meta/messaging/send-api-requests";
import { plainOutgoingText } from "../meta/plain-outgoing";
import type { OutgoingRequest } from "../meta/product";
import { splitText } from "../meta/text-split";
import { MESSENGER_SEND_API } from "./send-api";

/** message.text limit of the Send API, in characters */
export const MESSENGER_TEXT_LIMIT = 2000;

/**
 * POST /{page_id}/messages as a RESPONSE to the person. The Send API has no reply field, so a
 * reply goes out as a plain message.
 */
export function messengerRequests(chat: ChatKey, message: OutgoingMessage): OutgoingRequest[] {
  return splitText(plainOutgoingText(message), MESSENGER_TEXT_LIMIT).map((text) => sendApiMessage(chat, MESSENGER_SEND_API, { text }));
}
