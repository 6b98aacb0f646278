import type { ChatKey, OutgoingMedia, RemoteLocation } from "../../core/networks/connector";
import type { JsonObject } from "../meta/json";
import type { MultipartPart } from "../meta/multipart-body";
import type { OutgoingRequest } from "../meta/product";

/** The Cloud API's message types for the core's media kinds. */
export const WHATSAPP_MEDIA_TYPES = { image: "image", video: "video", audio: "audio", file: "document", sticker: "sticker" } as const;
export type WhatsAppMediaType = (typeof WHATSAPP_MEDIA_TYPES)[keyof typeof WHATSAPP_MEDIA_TYPES];

/** Only these take a caption; a caption holds at most 1024 characters. */
export const CAPTIONED_TYPES: readonly WhatsAppMediaType[] = ["image", "video", "document"];
export const CAPTION_LIMIT = 1024;

function message(chat: ChatKey, type: string, content: JsonObject, replyTo?: string): OutgoingRequest {
  return {
    path: `${chat.receiver}/messages`,
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: chat.chatId,
      type,
      [type]: content,
      ...(replyTo ? { context: { message_id: replyTo } } : {}),
    },
  };
}

/** POST /{phone_number_id}/media: `messaging_product`, `type` (the MIME type) and the file. */
export function whatsappUploadParts(media: OutgoingMedia): MultipartPart[] {
  return [
    { name: "messaging_product", value: "whatsapp" },
    { name: "type", value: media.mimeType },
    { name: "file", fileName: media.fileName, contentType: media.mimeType, data: media.data },
  ];
}

/** A media message by the id of an upload, with its caption and (documents) file name. */
export function whatsappMediaRequest(chat: ChatKey, type: WhatsAppMediaType, mediaId: string, options: { caption?: string; fileName?: string; replyTo?: string }): OutgoingRequest {
  const content: JsonObject = { id: mediaId };
  if (options.caption) content.caption = options.caption;
  if (type === "document" && options.fileName) content.filename = options.fileName;
  return message(chat, type, content, options.replyTo);
}

/** A reaction message; an empty emoji takes the reaction back. */
export function whatsappReactionRequest(chat: ChatKey, targetMessageId: string, emoji: string | null): OutgoingRequest {
  return message(chat, "reaction", { message_id: targetMessageId, emoji: emoji ?? "" });
}

/** A location message; Meta documents the coordinates as decimal strings. */
export function whatsappLocationRequest(chat: ChatKey, location: RemoteLocation, replyTo?: string): OutgoingRequest {
  const content: JsonObject = { latitude: String(location.latitude), longitude: String(location.longitude) };
  if (location.name) content.name = location.name;
  if (location.address) content.address = location.address;
  return message(chat, "location", content, replyTo);
}

/** Marks a received message (and every earlier one) read. */
export function whatsappReadRequest(chat: ChatKey, messageId: string): OutgoingRequest {
  return { path: `${chat.receiver}/messages`, body: { messaging_product: "whatsapp", status: "read", message_id: messageId } };
}

/** Shows "typing…" in answer to a received message for up to 25 s (it also marks the message read). */
export function whatsappTypingRequest(chat: ChatKey, messageId: string): OutgoingRequest {
  return { path: `${chat.receiver}/messages`, body: { messaging_product: "whatsapp", status: "read", message_id: messageId, typing_indicator: { type: "text" } } };
}
