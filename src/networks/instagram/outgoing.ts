import type { ChatKey, OutgoingMessage } from "../../core/networks/connector";
import { networkMessageId } from "../meta/message-parts";
import { sendApiMessage } from "../meta/messaging/send-api-requests";
import { plainOutgoingText } from "../meta/plain-outgoing";
import type { OutgoingRequest } from "../meta/product";
import { splitText, utf8Bytes } from "../meta/text-split";
import { INSTAGRAM_SEND_API } from "./send-api";

/** message.text limit of Instagram's Send API, in UTF-8 bytes */
export const INSTAGRAM_TEXT_LIMIT_BYTES = 1000;

/** POST /{ig_account_id}/messages: no messaging_type needed; the first part carries the reply. */
export function instagramRequests(chat: ChatKey, message: OutgoingMessage): OutgoingRequest[] {
  const replyTo = message.replyToMessageId && networkMessageId(message.replyToMessageId);
  return splitText(plainOutgoingText(message), INSTAGRAM_TEXT_LIMIT_BYTES, utf8Bytes).map((text, index) =>
    sendApiMessage(chat, INSTAGRAM_SEND_API, { text }, index === 0 ? replyTo : undefined),
  );
}

/** The request without `reply_to`, for when Instagram refuses the reference. */
export function instagramWithoutReply(request: OutgoingRequest): OutgoingRequest | undefined {
  if (!("reply_to" in request.body)) return undefined;
  const body = { ...request.body };
  delete body.reply_to;
  return { path: request.path, body };
}
