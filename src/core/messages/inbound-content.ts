import { describeError } from "../../logging/logger";
import { fromPlainText, isFormatted, toPlainText, type RichText } from "../formatting/rich-text";
import { toMatrixHtml } from "../formatting/matrix-html";
import type { MatrixContent, MediaSource } from "../matrix-port";
import type { MediaKind, RemoteContactCard, RemoteLocation, RemoteMedia, RemoteMessage } from "../networks/connector";
import { toMatrixMessage } from "./matrix-content";

/** One Matrix event to send for (part of) a remote message. */
export interface MatrixEventDraft {
  type: string;
  content: MatrixContent;
}

/** How files get from the network into the homeserver's media repository (per portal room). */
export interface MediaBridge {
  download(media: RemoteMedia): Promise<{ data: Buffer; mimeType: string; fileName?: string }>;
  upload(data: Buffer, mimeType: string, fileName: string): Promise<MediaSource>;
}

const MSGTYPES: Record<Exclude<MediaKind, "sticker">, string> = { image: "m.image", video: "m.video", audio: "m.audio", file: "m.file" };
const NOUNS: Record<MediaKind, string> = { image: "a photo", video: "a video", audio: "an audio message", file: "a file", sticker: "a sticker" };
const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif", "video/mp4": "mp4", "video/3gpp": "3gp",
  "audio/ogg": "ogg", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "aac", "audio/amr": "amr", "application/pdf": "pdf",
};

/** The Matrix events a remote message becomes: its text, its file, location or contact cards. */
export async function inboundDrafts(message: RemoteMessage, media: MediaBridge | undefined, networkLabel: string): Promise<MatrixEventDraft[]> {
  if (message.unsupported) {
    return [{ type: "m.room.message", content: { msgtype: "m.notice", body: `Sent ${message.unsupported}, which this bridge cannot show; open ${networkLabel} to see it.` } }];
  }
  if (message.media) return [await mediaDraft(message.media, message.content, media, networkLabel)];
  if (message.location) return [locationDraft(message.location)];
  if (message.contacts?.length) return contactDrafts(message.contacts, media);
  return [{ type: "m.room.message", content: toMatrixMessage(message.content) }];
}

async function mediaDraft(item: RemoteMedia, caption: RichText, media: MediaBridge | undefined, networkLabel: string): Promise<MatrixEventDraft> {
  const noun = NOUNS[item.kind];
  if (!media) return textDraft(`Sent ${noun}, which this bridge cannot fetch from ${networkLabel}.`, caption);
  let file: { data: Buffer; mimeType: string; fileName?: string };
  try {
    file = await media.download(item);
  } catch (err) {
    return textDraft(`Sent ${noun} that could not be fetched from ${networkLabel} (${describeError(err)}).`, caption);
  }
  const mimeType = item.mimeType ?? file.mimeType;
  const fileName = item.fileName ?? file.fileName ?? `${item.kind}.${EXTENSIONS[mimeType] ?? "bin"}`;
  const source = await media.upload(file.data, mimeType, fileName);
  const info: MatrixContent = { mimetype: mimeType, size: file.data.length };
  if (item.width) info.w = item.width;
  if (item.height) info.h = item.height;
  if (item.durationMs) info.duration = item.durationMs;
  const content: MatrixContent = { ...source, info };
  const captionText = toPlainText(caption);
  if (captionText) {
    // MSC2530: the caption is the body, the file's name goes to `filename`
    Object.assign(content, { body: captionText, filename: fileName });
    if (isFormatted(caption)) Object.assign(content, { format: "org.matrix.custom.html", formatted_body: toMatrixHtml(caption) });
  } else {
    content.body = fileName;
  }
  if (item.kind === "sticker") return { type: "m.sticker", content };
  content.msgtype = MSGTYPES[item.kind];
  if (item.voice) {
    content["org.matrix.msc3245.voice"] = {};
    content["org.matrix.msc1767.audio"] = { duration: item.durationMs ?? 0 };
  }
  return { type: "m.room.message", content };
}

function textDraft(text: string, caption: RichText): MatrixEventDraft {
  const captionText = toPlainText(caption);
  return { type: "m.room.message", content: { msgtype: "m.notice", body: captionText ? `${text}\n${captionText}` : text } };
}

function locationDraft(location: RemoteLocation): MatrixEventDraft {
  const geo = `geo:${location.latitude},${location.longitude}`;
  const label = [location.name, location.address].filter(Boolean).join(", ");
  return {
    type: "m.room.message",
    content: { msgtype: "m.location", body: label ? `Location: ${label} (${geo})` : `Location: ${geo}`, geo_uri: geo },
  };
}

async function contactDrafts(cards: RemoteContactCard[], media: MediaBridge | undefined): Promise<MatrixEventDraft[]> {
  const drafts: MatrixEventDraft[] = [];
  for (const card of cards) {
    drafts.push({ type: "m.room.message", content: toMatrixMessage(fromPlainText(`Contact: ${readableCard(card)}`)) });
    if (media) {
      const data = Buffer.from(card.vcard, "utf8");
      const fileName = `${card.name.replace(/[^\p{L}\p{N} ._-]+/gu, "").trim() || "contact"}.vcf`;
      const source = await media.upload(data, "text/vcard", fileName);
      drafts.push({ type: "m.room.message", content: { msgtype: "m.file", body: fileName, ...source, info: { mimetype: "text/vcard", size: data.length } } });
    }
  }
  return drafts;
}

/** Name and phone numbers / emails of a vCard, for people without a contacts app at hand. */
function readableCard(card: RemoteContactCard): string {
  const details = card.vcard
    .split(/\r?\n/)
    .filter((line) => /^(TEL|EMAIL)[;:]/i.test(line))
    .map((line) => line.slice(line.indexOf(":") + 1).trim())
    .filter(Boolean);
  return details.length ? `${card.name} (${details.join(", ")})` : card.name;
}
