import type { MediaKind, RemoteLocation, RemoteMedia } from "../../../core/networks/connector";
import { textNode, type RichText } from "../../../core/formatting/rich-text";
import { asId, asNumber, asObject, asString, type JsonObject } from "../json";

/** What one attachment of a Messenger or Instagram message adds to a remote message. */
export interface AttachmentPart {
  content: RichText;
  media?: RemoteMedia;
  location?: RemoteLocation;
  unsupported?: string;
}

const MEDIA_TYPES: Record<string, MediaKind> = { image: "image", video: "video", audio: "audio", file: "file", sticker: "sticker" };
const MEDIA_NOUNS: Record<MediaKind, string> = { image: "an image", video: "a video", audio: "an audio message", file: "a file", sticker: "a sticker" };

/** Shares of things on the network: shown as a link when the webhook has one. */
const SHARED_THINGS: Record<string, string> = {
  share: "a shared post",
  post: "a post",
  ig_post: "an Instagram post",
  reel: "a reel",
  ig_reel: "an Instagram reel",
  story_mention: "a mention in their story",
  template: "a template message",
  appointment_booking: "an appointment booking",
};

/**
 * An entry of `message.attachments`: files by their CDN URL (the `ref` the connector downloads),
 * stickers (Messenger's `sticker` type, or an `image` with a sticker_id), a shared location,
 * link previews and shares as links, anything else as an unsupported part.
 */
export function parseAttachment(attachment: JsonObject, label: string): AttachmentPart {
  const type = asString(attachment.type) ?? "";
  const payload = asObject(attachment.payload) ?? {};
  const url = httpUrl(payload.url);
  const mediaKind = MEDIA_TYPES[type];
  if (mediaKind && url) {
    const kind = mediaKind === "image" && asId(payload.sticker_id) ? "sticker" : mediaKind;
    const media: RemoteMedia = { kind, ref: url };
    const fileName = fileNameOf(url);
    if (fileName && kind !== "sticker") media.fileName = fileName;
    return { content: [], media };
  }
  if (type === "location") return locationPart(payload) ?? { content: [], unsupported: "a location without coordinates" };
  if (type === "fallback") {
    if (!url) return { content: [], unsupported: "a link preview without its link" };
    const title = asString(payload.title);
    return { content: [{ t: "link", href: url, children: [textNode(title || url)] }] };
  }
  const thing = SHARED_THINGS[type] ?? (mediaKind ? `${MEDIA_NOUNS[mediaKind]} without its file` : `an attachment of type "${type || "unknown"}"`);
  if (url && !mediaKind) return { content: [textNode(capitalise(thing) + ": "), { t: "link", href: url, children: [textNode(url)] }] };
  return { content: [], unsupported: `${thing} that ${label} does not pass on to the bridge` };
}

function locationPart(payload: JsonObject): AttachmentPart | undefined {
  const coordinates = asObject(payload.coordinates);
  const latitude = asNumber(coordinates?.lat);
  const longitude = asNumber(coordinates?.long);
  if (latitude === undefined || longitude === undefined) return undefined;
  const location: RemoteLocation = { latitude, longitude };
  const name = asString(payload.title);
  if (name) location.name = name;
  return { content: [], location };
}

function httpUrl(value: unknown): string | undefined {
  const text = asString(value);
  return text && /^https?:\/\//i.test(text) && URL.canParse(text) ? text : undefined;
}

/** The file name in a CDN URL's path, when it looks like one ("report.pdf"). */
function fileNameOf(url: string): string | undefined {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  try {
    const name = decodeURIComponent(last);
    return /^[^/\\]+\.[A-Za-z0-9]{1,8}$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
