import type { ChatKey } from "../../../core/networks/connector";
import type { JsonObject } from "../../meta/json";
import type { OutgoingRequest } from "../../meta/product";

export interface TemplateToSend {
  name: string;
  language: string;
  parameters: string[];
}

/**
 * POST /{phone_number_id}/messages with `type: "template"`: the template by name and language
 * code, its body parameters as texts (named when the template's are), no components without any.
 */
export function whatsappTemplateRequest(chat: ChatKey, template: TemplateToSend, parameterNames?: readonly string[]): OutgoingRequest {
  const content: JsonObject = { name: template.name, language: { code: template.language } };
  if (template.parameters.length) {
    const parameters = template.parameters.map((text, index) => {
      const name = parameterNames?.[index];
      return name === undefined ? { type: "text", text } : { type: "text", parameter_name: name, text };
    });
    content.components = [{ type: "body", parameters }];
  }
  return {
    path: `${chat.receiver}/messages`,
    body: { messaging_product: "whatsapp", recipient_type: "individual", to: chat.chatId, type: "template", template: content },
  };
}
