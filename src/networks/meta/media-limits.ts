import type { MediaKind, MediaLimit, OutgoingMedia } from "../../core/networks/connector";
import { NetworkError } from "../../core/networks/network-error";
import { baseMimeType, formatBytes } from "./media-size";

export type MediaLimits = Partial<Record<MediaKind, MediaLimit>>;

const KIND_WORDS: Record<MediaKind, string> = { image: "images", video: "videos", audio: "audio files", file: "files", sticker: "stickers" };

/**
 * The limit an outgoing file must meet, or a NetworkError("unsupported") saying which rule it
 * breaks, so the core can fall back (image → file → link) or tell the sender.
 */
export function checkOutgoingMedia(media: OutgoingMedia, limits: MediaLimits, label: string): MediaLimit {
  const limit = limits[media.kind];
  const kind = KIND_WORDS[media.kind];
  if (!limit) throw new NetworkError("unsupported", `${label} does not take ${kind}; the file was not sent.`, `no ${media.kind} support`);
  const mimeType = baseMimeType(media.mimeType);
  if (!limit.mimeTypes.includes("*") && !limit.mimeTypes.includes(mimeType)) {
    throw new NetworkError(
      "unsupported",
      `${label} does not take ${kind} of type ${mimeType || "unknown"} (only ${limit.mimeTypes.join(", ")}); the file was not sent.`,
      `${media.kind} type ${mimeType} not accepted`,
    );
  }
  if (media.data.length > limit.maxBytes) throw tooLarge(label, kind, media.data.length, limit.maxBytes, media.kind);
  if (media.data.length === 0) throw new NetworkError("invalid", "The file is empty; nothing was sent.", "empty media");
  return limit;
}

export function tooLarge(label: string, kind: string, size: number, maxBytes: number, detailKind: string): NetworkError {
  return new NetworkError(
    "unsupported",
    `The file is ${formatBytes(size)}; ${label} takes ${kind} of at most ${formatBytes(maxBytes)}, so it was not sent.`,
    `${detailKind} of ${size} bytes over ${maxBytes}`,
  );
}
