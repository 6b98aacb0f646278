import { invalidParameter } from "../graph/common-errors";
import { optionalObject, optionalOneOf, rejectUnknownKeys, requireNonEmptyString, requireObject, requireOneOf, type Params } from "../graph/params";
import type { RequestKind } from "../types";
import { checkMessageContent, MESSAGE_TYPES, optionalContext, type WhatsAppMessageType } from "./message-content";

/** A POST /{phone_number_id}/messages body, checked and sorted by what it asks for. */
export type WhatsAppSendRequest =
  | { kind: "read" | "typing"; messageId: string }
  | { kind: "message"; to: string; type: WhatsAppMessageType; content: Params; replyTo: string | undefined };

const MESSAGE_KEYS = ["messaging_product", "recipient_type", "to", "type", "context", "biz_opaque_callback_data", ...MESSAGE_TYPES];
const STATUS_KEYS = ["messaging_product", "status", "message_id", "typing_indicator"];

export function classifyWhatsAppSend(params: Params): RequestKind[] {
  if (params.status === undefined) {
    if (params.type === "reaction") return ["message", "reaction"];
    return params.type === "template" ? ["message", "template"] : ["message"];
  }
  return params.typing_indicator === undefined ? ["read"] : ["typing"];
}

function parseStatusUpdate(params: Params): WhatsAppSendRequest {
  rejectUnknownKeys(params, STATUS_KEYS);
  requireOneOf(params, "status", ["read"]);
  const messageId = requireNonEmptyString(params, "message_id");
  const typing = optionalObject(params, "typing_indicator");
  if (typing) {
    rejectUnknownKeys(typing, ["type"], "typing_indicator");
    requireOneOf(typing, "type", ["text"], "typing_indicator");
  }
  return { kind: typing ? "typing" : "read", messageId };
}

function parseMessage(params: Params): WhatsAppSendRequest {
  rejectUnknownKeys(params, MESSAGE_KEYS);
  optionalOneOf(params, "recipient_type", ["individual"]);
  const to = requireNonEmptyString(params, "to");
  // Cloud API defaults a missing type to text.
  const type = params.type === undefined ? "text" : requireOneOf(params, "type", MESSAGE_TYPES);
  for (const other of MESSAGE_TYPES) {
    if (other !== type && params[other] !== undefined) throw invalidParameter(`Param ${other} is not allowed in a message of type ${type}`);
  }
  const content = requireObject(params, type);
  checkMessageContent(type, content);
  const context = optionalContext(params);
  if (params.biz_opaque_callback_data !== undefined) requireNonEmptyString(params, "biz_opaque_callback_data");
  return { kind: "message", to, type, content, replyTo: context?.message_id as string | undefined };
}

export function parseWhatsAppSend(params: Params): WhatsAppSendRequest {
  requireOneOf(params, "messaging_product", ["whatsapp"]);
  return params.status === undefined ? parseMessage(params) : parseStatusUpdate(params);
}
