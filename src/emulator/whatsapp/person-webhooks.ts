import { createHash } from "node:crypto";
import type { MessageLedger } from "../graph/message-ledger";
import type { InboundFile } from "../person-types";
import { whatsappMessageWebhook, type WhatsAppUserMessage } from "./inbound-webhook";

// The webhooks of what a WhatsApp user does besides writing text (Cloud API webhook reference).

const MEDIA_TYPES = { image: "image", video: "video", audio: "audio", file: "document", sticker: "sticker" } as const;

/** An image, video, audio (voice: true for a voice note), document or sticker by its media id. */
export function whatsappMediaWebhook(message: WhatsAppUserMessage, ledger: MessageLedger, file: InboundFile, mediaId: string, caption?: string): unknown {
  const type = MEDIA_TYPES[file.kind];
  const content: Record<string, unknown> = {};
  if (caption !== undefined) content.caption = caption;
  if (type === "document" && file.fileName !== undefined) content.filename = file.fileName;
  content.mime_type = file.mimeType;
  // The webhook's sha256 is base64 (the GET /{media-id} answer gives hex).
  content.sha256 = createHash("sha256").update(file.data).digest("base64");
  content.id = mediaId;
  if (type === "audio") content.voice = file.voice === true;
  if (type === "sticker") content.animated = false;
  return whatsappMessageWebhook(message, ledger, type, content);
}

export function whatsappLocationWebhook(message: WhatsAppUserMessage, ledger: MessageLedger, location: { latitude: number; longitude: number; name?: string; address?: string }): unknown {
  return whatsappMessageWebhook(message, ledger, "location", location);
}

export function whatsappContactsWebhook(message: WhatsAppUserMessage, ledger: MessageLedger, contacts: Record<string, unknown>[]): unknown {
  return whatsappMessageWebhook(message, ledger, "contacts", contacts);
}

/** A reaction message; without an emoji the user took their reaction back (Meta omits the key). */
export function whatsappReactionWebhook(message: WhatsAppUserMessage, ledger: MessageLedger, targetId: string, emoji: string | undefined): unknown {
  return whatsappMessageWebhook(message, ledger, "reaction", emoji === undefined ? { message_id: targetId } : { message_id: targetId, emoji });
}

/** A message of a type the Cloud API does not pass on, with the 131051 error that comes with it. */
export function whatsappUnsupportedWebhook(message: WhatsAppUserMessage, ledger: MessageLedger, unsupportedType: string): unknown {
  const payload = whatsappMessageWebhook(message, ledger, "unsupported", { type: unsupportedType }) as { entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[] };
  const error = { code: 131051, title: "Message type unknown", message: "Message type unknown", error_data: { details: "Message type is currently not supported." } };
  payload.entry[0]!.changes[0]!.value.messages[0]!.errors = [error];
  return payload;
}

