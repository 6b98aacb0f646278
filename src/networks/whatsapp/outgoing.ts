import type { ChatKey, OutgoingMessage } from "../../core/networks/connector";
import { textNode, type RichText } from "../../core/formatting/rich-text";
import { asObject, asObjects, asId } from "../meta/json";
import type { OutgoingRequest } from "../meta/product";
import { splitText } from "../meta/text-split";
import { renderWhatsAppMarkup } from "./markup-render";

/** text.body limit of the Cloud API, in characters */
export const WHATSAPP_TEXT_LIMIT = 4096;

export function whatsappText(message: OutgoingMessage): string {
  const content: RichText = message.kind === "emote" ? [{ t: "italic", children: [textNode("* "), ...message.content] }] : message.content;
  return renderWhatsAppMarkup(content);
}

/** POST /{phone_number_id}/messages, one per part; only the first part carries the reply context. */
export function whatsappRequests(chat: ChatKey, message: OutgoingMessage): OutgoingRequest[] {
  return splitText(whatsappText(message), WHATSAPP_TEXT_LIMIT).map((body, index) => ({
    path: `${chat.receiver}/messages`,
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: chat.chatId,
      type: "text",
      text: { body, preview_url: false },
      ...(index === 0 && message.replyToMessageId ? { context: { message_id: message.replyToMessageId } } : {}),
    },
  }));
}

/** `messages[0].id` of the send answer (a wamid). */
export function whatsappSentMessageId(response: unknown): string | undefined {
  return asId(asObjects(asObject(response)?.messages)[0]?.id);
}
