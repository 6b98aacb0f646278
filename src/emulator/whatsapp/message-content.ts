import { invalidParameter } from "../graph/common-errors";
import {
  exactlyOneOf,
  optionalBoolean,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
  requireHttpUrl,
  requireNonEmptyString,
  requireString,
  type Params,
} from "../graph/params";
import { checkTemplateShape } from "./templates/template-shape";

export const TEXT_LIMIT_CHARACTERS = 4096;
export const CAPTION_LIMIT_CHARACTERS = 1024;

export const MEDIA_MESSAGE_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
export const MESSAGE_TYPES = ["text", "reaction", "location", "template", ...MEDIA_MESSAGE_TYPES] as const;
export type WhatsAppMessageType = (typeof MESSAGE_TYPES)[number];
export type MediaMessageType = (typeof MEDIA_MESSAGE_TYPES)[number];

const MEDIA_KEYS: Record<MediaMessageType, readonly string[]> = {
  image: ["id", "link", "caption"],
  video: ["id", "link", "caption"],
  document: ["id", "link", "caption", "filename"],
  audio: ["id", "link"],
  sticker: ["id", "link"],
};

export function characterCount(text: string): number {
  return [...text].length;
}

function checkText(text: Params): void {
  rejectUnknownKeys(text, ["body", "preview_url"], "text");
  const body = requireNonEmptyString(text, "body", "text");
  if (characterCount(body) > TEXT_LIMIT_CHARACTERS) {
    throw invalidParameter(`Param text['body'] must be at most ${TEXT_LIMIT_CHARACTERS} characters long (got ${characterCount(body)})`);
  }
  optionalBoolean(text, "preview_url", "text");
}

function checkReaction(reaction: Params): void {
  rejectUnknownKeys(reaction, ["message_id", "emoji"], "reaction");
  requireNonEmptyString(reaction, "message_id", "reaction");
  // An empty emoji removes the reaction.
  requireString(reaction, "emoji", "reaction");
}

function checkMedia(type: MediaMessageType, media: Params): void {
  rejectUnknownKeys(media, MEDIA_KEYS[type], type);
  const source = exactlyOneOf(media, ["id", "link"], type);
  if (source === "link") requireHttpUrl(media, "link", type);
  else requireNonEmptyString(media, "id", type);
  const caption = optionalString(media, "caption", type);
  if (caption !== undefined && characterCount(caption) > CAPTION_LIMIT_CHARACTERS) {
    throw invalidParameter(`Param ${type}['caption'] must be at most ${CAPTION_LIMIT_CHARACTERS} characters long`);
  }
  optionalString(media, "filename", type);
}

/** Meta documents latitude and longitude as decimal strings; JSON numbers are taken too. */
function checkCoordinate(location: Params, key: "latitude" | "longitude", limit: number): void {
  const value = location[key];
  if (value === undefined || value === null) throw invalidParameter(`The parameter location[${key}] is required`);
  const number = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : typeof value === "number" ? value : NaN;
  if (!Number.isFinite(number) || Math.abs(number) > limit) throw invalidParameter(`Param location['${key}'] must be a number of decimal degrees between -${limit} and ${limit}`);
}

function checkLocation(location: Params): void {
  rejectUnknownKeys(location, ["latitude", "longitude", "name", "address"], "location");
  checkCoordinate(location, "latitude", 90);
  checkCoordinate(location, "longitude", 180);
  optionalString(location, "name", "location");
  optionalString(location, "address", "location");
}

/** Checks the object a message of this type carries (text, reaction, image, …). */
export function checkMessageContent(type: WhatsAppMessageType, content: Params): void {
  if (type === "text") return checkText(content);
  if (type === "reaction") return checkReaction(content);
  if (type === "location") return checkLocation(content);
  if (type === "template") return checkTemplateShape(content);
  checkMedia(type, content);
}

export function optionalContext(params: Params): Params | undefined {
  const context = optionalObject(params, "context");
  if (context) {
    rejectUnknownKeys(context, ["message_id"], "context");
    requireNonEmptyString(context, "message_id", "context");
  }
  return context;
}
