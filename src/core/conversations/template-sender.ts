import type { MatrixPort } from "../matrix-port";
import { canSendTemplates } from "../networks/capabilities";
import type { MessageTemplate } from "../networks/connector";
import { NetworkError } from "../networks/network-error";
import type { NetworkRegistry } from "../networks/registry";
import type { MessageMapPort } from "../messages/message-map";
import type { RoomStatus } from "./room-status";

/** A template's body as the person will read it: {{n}} replaced by the n-th parameter. */
export function renderTemplate(body: string, parameters: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}

/**
 * Sends an approved message template (the only way to write on WhatsApp outside the 24-hour
 * window), and shows in the room what the person will read.
 */
export class TemplateSender {
  constructor(
    private readonly status: RoomStatus,
    private readonly networks: NetworkRegistry,
    private readonly messages: MessageMapPort,
    private readonly matrix: MatrixPort,
  ) {}

  async send(roomId: string, name: string, language: string, parameters: string[]): Promise<string> {
    const found = await this.status.templates(roomId);
    if (typeof found === "string") return found;
    const template = found.templates.find((t) => t.name === name && t.language === language);
    if (!template) return `No approved template ${name} in ${language}. Send \`templates\` to list them.`;
    if (template.parameterCount !== parameters.length) {
      return `${name} takes ${template.parameterCount} parameter(s); you gave ${parameters.length}.`;
    }
    const { portal } = found;
    const entry = this.networks.get(portal.network)!;
    if (!canSendTemplates(entry.connector)) return "This network has no templates.";
    const chat = { network: portal.network, chatId: portal.chatId, receiver: portal.receiver };
    try {
      const result = await entry.connector.sendTemplate(chat, { name, language, parameters });
      const text = renderTemplate(template.body, parameters);
      const eventId = await this.matrix.sendEvent(this.matrix.botUserId, roomId, "m.room.message", {
        msgtype: "m.notice",
        body: `Sent template ${name} (${language}); they will read:\n${text}`,
      });
      await this.messages.insert({
        network: portal.network, remoteId: result.messageIds[0]!, partId: "", chatId: portal.chatId, receiver: portal.receiver, roomId, eventId, senderId: null, timestamp: Date.now(),
      });
      return "";
    } catch (err) {
      if (err instanceof NetworkError) return `Not sent: ${err.userMessage}`;
      throw err;
    }
  }

  async list(roomId: string): Promise<string> {
    const found = await this.status.templates(roomId);
    if (typeof found === "string") return found;
    if (!found.templates.length) return "This WhatsApp account has no approved templates.";
    return found.templates.map((t: MessageTemplate) => `\`${t.name} ${t.language}\` (${t.category}, ${t.parameterCount} parameter(s)): ${t.body}`).join("\n");
  }
}
