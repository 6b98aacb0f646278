const MB = 1024 * 1024;

export type WhatsAppMediaCategory = "image" | "audio" | "video" | "document" | "sticker";

interface MediaRule {
  category: WhatsAppMediaCategory;
  maxBytes: number;
}

// Upload limits per MIME type (research notes §2.5).
const RULES: Record<string, MediaRule> = {
  "image/jpeg": { category: "image", maxBytes: 5 * MB },
  "image/png": { category: "image", maxBytes: 5 * MB },
  "image/webp": { category: "sticker", maxBytes: 500 * 1024 },
  "audio/aac": { category: "audio", maxBytes: 16 * MB },
  "audio/amr": { category: "audio", maxBytes: 16 * MB },
  "audio/mpeg": { category: "audio", maxBytes: 16 * MB },
  "audio/mp4": { category: "audio", maxBytes: 16 * MB },
  "audio/ogg": { category: "audio", maxBytes: 16 * MB },
  "video/mp4": { category: "video", maxBytes: 16 * MB },
  "video/3gpp": { category: "video", maxBytes: 16 * MB },
  "text/plain": { category: "document", maxBytes: 100 * MB },
  "application/pdf": { category: "document", maxBytes: 100 * MB },
  "application/msword": { category: "document", maxBytes: 100 * MB },
  "application/vnd.ms-excel": { category: "document", maxBytes: 100 * MB },
  "application/vnd.ms-powerpoint": { category: "document", maxBytes: 100 * MB },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { category: "document", maxBytes: 100 * MB },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { category: "document", maxBytes: 100 * MB },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { category: "document", maxBytes: 100 * MB },
};

export function mediaRuleFor(mimeType: string): MediaRule | undefined {
  return RULES[mimeType.split(";")[0]!.trim().toLowerCase()];
}

export function supportedMimeTypes(): string[] {
  return Object.keys(RULES);
}

const STILL_STICKER_MAX_BYTES = 100 * 1024;

/** A WebP with the animation flag in its extended (VP8X) header. */
function isAnimatedWebp(data: Buffer): boolean {
  return data.length >= 21 && data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 8, 16) === "WEBPVP8X" && (data[20]! & 0x02) !== 0;
}

/** The most this file may have: a still sticker 100 KB, an animated one 500 KB, others per type. */
export function maxBytesFor(rule: MediaRule, data: Buffer): number {
  return rule.category === "sticker" && !isAnimatedWebp(data) ? STILL_STICKER_MAX_BYTES : rule.maxBytes;
}

/** Whether media of this category may go out as this message type (anything may go out as a document). */
export function fitsMessageType(category: WhatsAppMediaCategory, type: WhatsAppMediaCategory): boolean {
  return type === "document" || category === type;
}
