import { invalidParameter } from "../common-errors";
import {
  exactlyOneOf,
  optionalBoolean,
  optionalOneOf,
  optionalString,
  rejectUnknownKeys,
  requireArray,
  requireHttpUrl,
  requireNonEmptyString,
  requireObject,
  requireOneOf,
  type Params,
} from "../params";
import type { UploadedFile } from "../request-body";
import type { RequestKind } from "../../types";
import { ATTACHMENT_TYPES, type AttachmentType, type SendApiRules } from "./rules";

export const SENDER_ACTIONS = ["typing_on", "typing_off", "mark_seen", "react", "unreact"] as const;
export type SenderAction = (typeof SENDER_ACTIONS)[number];
export const MESSAGING_TYPES = ["RESPONSE", "UPDATE", "MESSAGE_TAG"] as const;
/** The only tag a human-run bridge has a use for; Meta's legacy Messenger tags are not emulated. */
export const SUPPORTED_TAGS = ["HUMAN_AGENT"] as const;
const MAX_QUICK_REPLIES = 13;
const METADATA_LIMIT = 1000;

export interface OutgoingAttachment {
  type: AttachmentType;
  url: string | undefined;
  attachmentId: string | undefined;
  /** the multipart `filedata` part, for an attachment uploaded with the send */
  file: UploadedFile | undefined;
}

export type SendApiRequest =
  | {
      kind: "message";
      recipientId: string;
      tag: string | undefined;
      text: string | undefined;
      attachment: OutgoingAttachment | undefined;
      metadata: string | undefined;
      /** reply_to.mid (Instagram) */
      replyTo: string | undefined;
    }
  | { kind: "sender_action"; recipientId: string; action: SenderAction; reactedMessageId: string | undefined };

export function classifySendApi(params: Params): RequestKind[] {
  if (params.sender_action === undefined) return ["message"];
  if (params.sender_action === "typing_on" || params.sender_action === "typing_off") return ["sender_action", "typing"];
  if (params.sender_action === "mark_seen") return ["sender_action", "read"];
  if (params.sender_action === "react" || params.sender_action === "unreact") return ["sender_action", "reaction"];
  return ["sender_action"];
}

function textLength(text: string, unit: SendApiRules["textLimit"]["unit"]): number {
  return unit === "UTF-8 bytes" ? Buffer.byteLength(text, "utf8") : [...text].length;
}

/** By url, by the id of an earlier upload, or uploaded with the send as multipart `filedata` (payload without either). */
function parseAttachment(message: Params, files: readonly UploadedFile[], rules: SendApiRules): OutgoingAttachment {
  const attachment = requireObject(message, "attachment", "message");
  rejectUnknownKeys(attachment, ["type", "payload"], "message['attachment']");
  const type = requireOneOf(attachment, "type", ATTACHMENT_TYPES, "message['attachment']");
  const payload = requireObject(attachment, "payload", "message['attachment']");
  rejectUnknownKeys(payload, ["url", "is_reusable", "attachment_id"], "message['attachment']['payload']");
  optionalBoolean(payload, "is_reusable", "message['attachment']['payload']");
  const file = files.find((candidate) => candidate.field === "filedata");
  if (file) {
    if (!rules.allowsFiledata) throw invalidParameter(`${rules.network === "instagram" ? "Instagram" : "This API"} takes attachments by url only; filedata uploads are not supported`);
    if (payload.url !== undefined || payload.attachment_id !== undefined) throw invalidParameter("An attachment uploaded as filedata must not name a url or an attachment_id");
    return { type, url: undefined, attachmentId: undefined, file };
  }
  const source = exactlyOneOf(payload, ["url", "attachment_id"], "message['attachment']['payload']");
  return {
    type,
    url: source === "url" ? requireHttpUrl(payload, "url", "message['attachment']['payload']") : undefined,
    attachmentId: source === "attachment_id" ? requireNonEmptyString(payload, "attachment_id", "message['attachment']['payload']") : undefined,
    file: undefined,
  };
}

function parseReplyTo(params: Params, rules: SendApiRules): string | undefined {
  if (params.reply_to === undefined) return undefined;
  if (!rules.allowsReplyTo) throw invalidParameter('Unexpected key "reply_to" on param "the request"');
  const replyTo = requireObject(params, "reply_to");
  rejectUnknownKeys(replyTo, ["mid"], "reply_to");
  return requireNonEmptyString(replyTo, "mid", "reply_to");
}

function parseMessage(params: Params, files: readonly UploadedFile[], recipientId: string, rules: SendApiRules): SendApiRequest {
  if (params.payload !== undefined) throw invalidParameter("Param payload belongs to the react and unreact sender actions only");
  const messagingType = rules.messagingTypeRequired ? requireOneOf(params, "messaging_type", MESSAGING_TYPES) : optionalOneOf(params, "messaging_type", MESSAGING_TYPES);
  const tag = optionalString(params, "tag");
  if (messagingType === "MESSAGE_TAG" && tag === undefined) throw invalidParameter("A message with messaging_type MESSAGE_TAG needs a tag");
  if (tag !== undefined && messagingType !== "MESSAGE_TAG") throw invalidParameter("Param tag is only allowed with messaging_type MESSAGE_TAG");
  if (tag !== undefined) requireOneOf(params, "tag", SUPPORTED_TAGS);
  const message = requireObject(params, "message");
  rejectUnknownKeys(message, ["text", "attachment", "quick_replies", "metadata"], "message");
  const content = exactlyOneOf(message, ["text", "attachment"], "message");
  let text: string | undefined;
  if (content === "text") {
    text = requireNonEmptyString(message, "text", "message");
    const { max, unit } = rules.textLimit;
    if (textLength(text, unit) > max) throw invalidParameter(`Param message['text'] must be at most ${max} ${unit} long (got ${textLength(text, unit)})`);
  }
  const attachment = content === "attachment" ? parseAttachment(message, files, rules) : undefined;
  if (!attachment?.file && files.length) throw invalidParameter("A file was uploaded, but the message has no attachment to take it");
  if (files.some((file) => file.field !== "filedata") || files.length > 1) throw invalidParameter("Upload at most one file, in the multipart field named filedata");
  if (message.quick_replies !== undefined && requireArray(message, "quick_replies", "message").length > MAX_QUICK_REPLIES) {
    throw invalidParameter(`At most ${MAX_QUICK_REPLIES} quick replies are allowed`);
  }
  const metadata = optionalString(message, "metadata", "message");
  if (metadata !== undefined && metadata.length > METADATA_LIMIT) throw invalidParameter(`Param message['metadata'] must be under ${METADATA_LIMIT} characters`);
  return { kind: "message", recipientId, tag, text, attachment, metadata, replyTo: parseReplyTo(params, rules) };
}

function parseSenderAction(params: Params, files: readonly UploadedFile[], recipientId: string): SendApiRequest {
  if (params.tag !== undefined) throw invalidParameter("Param tag cannot be combined with sender_action");
  if (params.reply_to !== undefined || files.length) throw invalidParameter("A sender_action carries neither reply_to nor a file");
  optionalOneOf(params, "messaging_type", ["RESPONSE", "UPDATE"]);
  const action = requireOneOf(params, "sender_action", SENDER_ACTIONS);
  if (action !== "react" && action !== "unreact") {
    if (params.payload !== undefined) throw invalidParameter(`Param payload is not allowed with sender_action ${action}`);
    return { kind: "sender_action", recipientId, action, reactedMessageId: undefined };
  }
  const payload = requireObject(params, "payload");
  rejectUnknownKeys(payload, action === "react" ? ["message_id", "reaction"] : ["message_id"], "payload");
  if (action === "react") requireNonEmptyString(payload, "reaction", "payload");
  return { kind: "sender_action", recipientId, action, reactedMessageId: requireNonEmptyString(payload, "message_id", "payload") };
}

/** Checks a POST /{id}/messages body (JSON, form or multipart with `filedata`): a message or a sender action, never both. */
export function parseSendApi(params: Params, files: readonly UploadedFile[], rules: SendApiRules): SendApiRequest {
  const allowed = ["recipient", "messaging_type", "tag", "message", "sender_action", "payload", "reply_to", ...(rules.allowsNotificationType ? ["notification_type"] : [])];
  rejectUnknownKeys(params, allowed);
  const recipient = requireObject(params, "recipient");
  rejectUnknownKeys(recipient, ["id"], "recipient");
  const recipientId = requireNonEmptyString(recipient, "id", "recipient");
  if (rules.allowsNotificationType) optionalOneOf(params, "notification_type", ["REGULAR", "SILENT_PUSH", "NO_PUSH"]);
  if (params.message !== undefined && params.sender_action !== undefined) throw invalidParameter("Param sender_action cannot be combined with message; send them separately");
  if (params.message === undefined && params.sender_action === undefined) throw invalidParameter("Either message or sender_action must be set");
  return params.message !== undefined ? parseMessage(params, files, recipientId, rules) : parseSenderAction(params, files, recipientId);
}
