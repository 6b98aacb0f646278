// What tests (and the control API) ask the emulator's remote people to do besides writing text.
import type { EmulatedNetwork, InboundResult, WebhookResponse } from "./types";

/** Who acts: the person (`from`) in their chat with an account. */
export interface PersonTarget {
  network: EmulatedNetwork;
  accountId: string;
  /** The remote user's id (wa_id / PSID / IGSID). */
  from: string;
  /** Overrides the user's name (WhatsApp's contacts[].profile.name). */
  name?: string;
  /** Milliseconds since the epoch (default: the emulator's now). */
  timestamp?: number;
}

export type InboundFileKind = "image" | "video" | "audio" | "file" | "sticker";

/** A file a person sends; the emulator hosts it (WhatsApp: a media id; Messenger/Instagram: a CDN-like URL). */
export interface InboundFile {
  kind: InboundFileKind;
  data: Buffer;
  mimeType: string;
  /** WhatsApp documents carry it; Messenger/Instagram URLs end with it. */
  fileName?: string;
  /** WhatsApp: a voice note (audio.voice: true). */
  voice?: boolean;
}

export interface InboundMedia extends PersonTarget {
  /** WhatsApp: exactly one; Messenger/Instagram: one or more attachments in one message. */
  files: InboundFile[];
  /** WhatsApp: the caption (image, video, document); Messenger/Instagram: the message's text. */
  caption?: string;
  messageId?: string;
  replyTo?: string;
}

export interface InboundMediaResult extends InboundResult {
  /** What the webhook names each file by: WhatsApp media ids, Messenger/Instagram URLs. */
  mediaRefs: string[];
}

/** WhatsApp only. */
export interface InboundLocation extends PersonTarget {
  location: { latitude: number; longitude: number; name?: string; address?: string };
  messageId?: string;
}

/** WhatsApp only: contact cards as the Cloud API writes them ({name: {formatted_name, …}, phones: […], …}). */
export interface InboundContacts extends PersonTarget {
  contacts: Record<string, unknown>[];
  messageId?: string;
}

export interface InboundReaction extends PersonTarget {
  /** The message reacted to. */
  messageId: string;
  /** The emoji; absent: the person takes their reaction back. */
  emoji?: string;
  /** Messenger/Instagram: the reaction's name (default: Meta's name for the emoji, else "other"). */
  reaction?: string;
}

/** Messenger only (message_edits). */
export interface InboundEdit extends PersonTarget {
  messageId: string;
  text: string;
}

/** Instagram only (message with is_deleted). */
export interface InboundDeletion extends PersonTarget {
  messageId: string;
}

/** WhatsApp: type unsupported (with error 131051); Instagram: is_unsupported. */
export interface InboundUnsupported extends PersonTarget {
  /** WhatsApp's unsupported.type (default "poll_update"). */
  unsupportedType?: string;
  messageId?: string;
}

/**
 * The person read messages the account sent: WhatsApp a read status for `messageId`; Messenger a
 * watermark (default: now); Instagram `read: {mid}` for `messageId`.
 */
export interface ReadByPerson extends PersonTarget {
  messageId?: string;
  watermark?: number;
}

/** Messages reached the person's phone: WhatsApp delivered statuses; Messenger a delivery with mids and a watermark. */
export interface DeliveredToPerson extends PersonTarget {
  messageIds: string[];
  watermark?: number;
}

export type WhatsAppStatus = "sent" | "delivered" | "read" | "failed" | "played";

/** A WhatsApp status webhook for a message the account sent (its recipient comes from the ledger). */
export interface StatusUpdate {
  accountId?: string;
  messageId: string;
  status: WhatsAppStatus;
  /** For failed: errors[0] (default 131026 "Message undeliverable"). */
  error?: { code: number; title: string; details?: string };
  timestamp?: number;
}

/** A webhook the emulator sent for a person, and the bridge's answer. */
export interface PersonWebhookResult extends WebhookResponse {
  payload: unknown;
}

/** A file the bridge sent, with its bytes, however it reached the emulator. */
export interface SentMedia {
  network: EmulatedNetwork;
  accountId: string;
  recipientId: string;
  messageId: string;
  /** WhatsApp: image, video, audio, document, sticker; Messenger/Instagram: image, video, audio, file. */
  type: string;
  mimeType: string;
  fileName?: string;
  caption?: string;
  data: Buffer;
  /** Uploaded to /media (WhatsApp), uploaded as filedata with the send (Messenger), or fetched from a URL. */
  source: "upload" | "filedata" | "url";
  url?: string;
  at: number;
}

export interface SentMediaFilter {
  network?: EmulatedNetwork;
  accountId?: string;
}
