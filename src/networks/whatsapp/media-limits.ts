import type { MediaLimits } from "../meta/media-limits";

const KB = 1024;
const MB = 1024 * 1024;

/** The document types the Cloud API takes (its upload refuses others with 131053). */
const DOCUMENT_TYPES = [
  "application/pdf",
  "text/plain",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/** What the Cloud API sends, per kind (docs/meta-platform.md §2.5); a file goes out as a document. */
export const WHATSAPP_MEDIA_LIMITS: MediaLimits = {
  image: { maxBytes: 5 * MB, mimeTypes: ["image/jpeg", "image/png"] },
  video: { maxBytes: 16 * MB, mimeTypes: ["video/mp4", "video/3gpp"] },
  audio: { maxBytes: 16 * MB, mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"] },
  file: { maxBytes: 100 * MB, mimeTypes: DOCUMENT_TYPES },
  // 500 KB is for animated stickers; a still one may have 100 KB (checked on send)
  sticker: { maxBytes: 500 * KB, mimeTypes: ["image/webp"] },
};

export const STILL_STICKER_MAX_BYTES = 100 * KB;

/** Meta does not hand out files over 100 MB (error 131052); nothing larger is downloaded. */
export const WHATSAPP_INBOUND_MAX_BYTES = 100 * MB;

/** Whether a WebP file is animated: an extended (VP8X) header with the animation flag. */
export function isAnimatedWebp(data: Buffer): boolean {
  return data.length >= 21 && data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 8, 16) === "WEBPVP8X" && (data[20]! & 0x02) !== 0;
}
