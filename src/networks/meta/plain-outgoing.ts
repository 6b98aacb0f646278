import type { OutgoingMessage } from "../../core/networks/connector";
import { toPlainText } from "../../core/formatting/rich-text";
import { asId, asObject } from "./json";

/** Messenger and Instagram take plain text: formatting is dropped, an emote reads "* text". */
export function plainOutgoingText(message: OutgoingMessage): string {
  const text = toPlainText(message.content).replace(/\s+$/, "");
  return message.kind === "emote" ? `* ${text}` : text;
}

/** `message_id` of a Send API answer (Messenger, Instagram). */
export function sendApiMessageId(response: unknown): string | undefined {
  return asId(asObject(response)?.message_id);
}
