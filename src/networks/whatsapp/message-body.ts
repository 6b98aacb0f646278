import type { MediaKind, RemoteContactCard, RemoteLocation, RemoteMedia } from "../../core/networks/connector";
import { textNode, type RichText } from "../../core/formatting/rich-text";
import { asId, asObject, asObjects, asString, type JsonObject } from "../meta/json";
import { parseWhatsAppMarkup } from "./markup-parse";
import { contactName, whatsappContactToVcard } from "./vcard";

/** What a WhatsApp message carries besides who sent it when: the parts of a RemoteMessage. */
export interface MessageBody {
  content: RichText;
  media?: RemoteMedia;
  location?: RemoteLocation;
  contacts?: RemoteContactCard[];
  unsupported?: string;
}

const MEDIA_TYPES: Record<string, MediaKind> = { image: "image", video: "video", audio: "audio", document: "file", sticker: "sticker" };
const MEDIA_NOUNS: Record<MediaKind, string> = { image: "an image", video: "a video", audio: "an audio message", file: "a document", sticker: "a sticker" };

/** What the `unsupported.type` of an unsupported message is, in words. */
const UNSUPPORTED_NOUNS: Record<string, string> = {
  edit: "an edit of an earlier message",
  poll: "a poll",
  poll_update: "a vote in a poll",
  gif: "a GIF",
  view_once: "a view-once message",
  video_note: "a video note",
  event: "an event",
};

/** The body of a message of `type`, or why it is not bridged (`skip`). */
export function whatsappMessageBody(type: string, message: JsonObject): MessageBody | { skip: string } {
  const mediaKind = MEDIA_TYPES[type];
  if (mediaKind) return mediaBody(mediaKind, asObject(message[type]));
  switch (type) {
    case "text": {
      const body = asString(asObject(message.text)?.body);
      return body === undefined ? unsupported("a text without its text") : { content: parseWhatsAppMarkup(body) };
    }
    case "location":
      return locationBody(asObject(message.location));
    case "contacts":
      return contactsBody(asObjects(message.contacts));
    case "interactive":
      return interactiveBody(asObject(message.interactive) ?? {});
    case "button": {
      const text = asString(asObject(message.button)?.text);
      return text ? { content: [textNode(text)] } : unsupported("a button press without its text");
    }
    case "unsupported":
      return unsupported(unsupportedNoun(message));
    case "system": {
      const body = asString(asObject(message.system)?.body);
      return unsupported(body ? `a WhatsApp system message ("${body}")` : "a WhatsApp system message");
    }
    case "request_welcome":
      return { skip: "request_welcome (the person opened the chat)" };
    default:
      return unsupported(`a message of type "${type}" that the bridge does not know`);
  }
}

function unsupported(description: string): MessageBody {
  return { content: [], unsupported: description };
}

function mediaBody(kind: MediaKind, object: JsonObject | undefined): MessageBody {
  const id = asId(object?.id);
  if (!object || !id) return unsupported(`${MEDIA_NOUNS[kind]} that WhatsApp sent without its media id`);
  const media: RemoteMedia = { kind, ref: id };
  const mimeType = asString(object.mime_type);
  if (mimeType) media.mimeType = mimeType;
  const fileName = asString(object.filename);
  if (fileName && kind === "file") media.fileName = fileName;
  if (kind === "audio" && object.voice === true) media.voice = true;
  const caption = asString(object.caption);
  return { content: caption ? parseWhatsAppMarkup(caption) : [], media };
}

function coordinate(value: unknown, limit: number): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

function locationBody(object: JsonObject | undefined): MessageBody {
  const latitude = coordinate(object?.latitude, 90);
  const longitude = coordinate(object?.longitude, 180);
  if (!object || latitude === undefined || longitude === undefined) return unsupported("a location without usable coordinates");
  const location: RemoteLocation = { latitude, longitude };
  const name = asString(object.name);
  const address = asString(object.address);
  if (name) location.name = name;
  if (address) location.address = address;
  return { content: [], location };
}

function contactsBody(contacts: JsonObject[]): MessageBody {
  if (!contacts.length) return unsupported("a contact card without contacts");
  return { content: [], contacts: contacts.map((contact) => ({ name: contactName(contact), vcard: whatsappContactToVcard(contact) })) };
}

/** A tap on a reply button or a list row of a message the business sent: its title. */
function interactiveBody(interactive: JsonObject): MessageBody {
  const type = asString(interactive.type);
  const reply = asObject(type === "button_reply" ? interactive.button_reply : type === "list_reply" ? interactive.list_reply : undefined);
  const title = asString(reply?.title);
  if (title) return { content: [textNode(title)] };
  if (type === "nfm_reply") return unsupported("a WhatsApp Flow response");
  return unsupported(`an interactive reply of type "${type ?? "unknown"}"`);
}

function unsupportedNoun(message: JsonObject): string {
  const kind = asString(asObject(message.unsupported)?.type);
  const noun = kind ? (UNSUPPORTED_NOUNS[kind] ?? `a message of type "${kind}"`) : "a kind of message";
  return `${noun} that WhatsApp does not pass on to the bridge`;
}
