import type { ChatKey, MediaKind, OutgoingMedia } from "../../../core/networks/connector";
import type { JsonObject } from "../json";
import type { MultipartPart } from "../multipart-body";
import type { OutgoingRequest } from "../product";
import { HUMAN_AGENT_FIELDS, type ReplyMode } from "./reply-mode";
import type { SendApiDialect } from "./send-api-dialect";

/** The Send API's attachment types; a sticker goes out as an image. */
const ATTACHMENT_TYPES: Record<MediaKind, string> = { image: "image", video: "video", audio: "audio", file: "file", sticker: "image" };

export type SenderAction = "typing_on" | "typing_off" | "mark_seen";

function path(chat: ChatKey): string {
  return `${chat.receiver}/messages`;
}

/** `{recipient, messaging_type?, message, reply_to?}`: a message in the conversation with the person. */
export function sendApiMessage(chat: ChatKey, dialect: SendApiDialect, message: JsonObject, replyTo?: string): OutgoingRequest {
  return {
    path: path(chat),
    body: {
      recipient: { id: chat.chatId },
      ...(dialect.messagingType ? { messaging_type: dialect.messagingType } : {}),
      message,
      ...(replyTo && dialect.replies ? { reply_to: { mid: replyTo } } : {}),
    },
  };
}

/** An attachment Meta fetches from a URL. */
export function attachmentByUrl(chat: ChatKey, dialect: SendApiDialect, media: OutgoingMedia, url: string, replyTo?: string): OutgoingRequest {
  return sendApiMessage(chat, dialect, { attachment: { type: ATTACHMENT_TYPES[media.kind], payload: { url } } }, replyTo);
}

/** messaging_type (and tag) as multipart fields. */
function messagingTypeParts(dialect: SendApiDialect, mode: ReplyMode): MultipartPart[] {
  if (mode === "human-agent") return Object.entries(HUMAN_AGENT_FIELDS).map(([name, value]) => ({ name, value }));
  return dialect.messagingType ? [{ name: "messaging_type", value: dialect.messagingType }] : [];
}

/** An attachment uploaded with the send: multipart fields recipient, messaging_type (and tag), message and the file as `filedata`. */
export function attachmentUploadParts(chat: ChatKey, dialect: SendApiDialect, media: OutgoingMedia, mode: ReplyMode = "standard"): MultipartPart[] {
  return [
    { name: "recipient", value: JSON.stringify({ id: chat.chatId }) },
    ...messagingTypeParts(dialect, mode),
    { name: "message", value: JSON.stringify({ attachment: { type: ATTACHMENT_TYPES[media.kind], payload: { is_reusable: false } } }) },
    { name: "filedata", fileName: media.fileName, contentType: media.mimeType, data: media.data },
  ];
}

/** `react` with the emoji, or `unreact` (payload with the message id only). */
export function reactionRequest(chat: ChatKey, targetMessageId: string, emoji: string | null): OutgoingRequest {
  const payload = emoji ? { message_id: targetMessageId, reaction: emoji } : { message_id: targetMessageId };
  return { path: path(chat), body: { recipient: { id: chat.chatId }, sender_action: emoji ? "react" : "unreact", payload } };
}

/** typing_on, typing_off, mark_seen: sent alone, without a message. */
export function senderActionRequest(chat: ChatKey, action: SenderAction): OutgoingRequest {
  return { path: path(chat), body: { recipient: { id: chat.chatId }, sender_action: action } };
}
