import type { PermissionLevel } from "../../config/permission-levels";
import { describeError, getLogger } from "../../logging/logger";
import type { PortalRecord } from "../../store/records";
import type { MatrixPort } from "../matrix-port";
import type { OutgoingMessage } from "../networks/connector";
import { NetworkError } from "../networks/network-error";
import type { NetworkEntry, NetworkRegistry } from "../networks/registry";
import { atLeast, networkPermissionFor } from "../permissions";
import type { PortalService } from "../portals/portal-service";
import { fromMatrixMessage } from "./matrix-content";
import { partId, type MessageMapPort } from "./message-map";

const log = getLogger("outbound");

/** A message a Matrix user sent in a room, as the Matrix side hands it over. */
export interface MatrixMessage {
  roomId: string;
  eventId: string;
  sender: string;
  content: Record<string, unknown>;
}

const SENDABLE: Record<string, OutgoingMessage["kind"]> = { "m.text": "text", "m.notice": "notice", "m.emote": "emote" };

export interface OutboundOptions {
  globalPermissions: Record<string, PermissionLevel>;
  networkPermissions(network: string): Record<string, PermissionLevel>;
}

/**
 * Matrix users' messages in a portal go to the chat through the portal's account. Whatever cannot
 * be delivered gets a notice in reply saying why; nothing is dropped silently.
 */
export class OutboundRelay {
  constructor(
    private readonly networks: NetworkRegistry,
    private readonly portals: PortalService,
    private readonly messages: MessageMapPort,
    private readonly matrix: MatrixPort,
    private readonly options: OutboundOptions,
  ) {}

  /** Returns false when the room is not a portal (someone else's business). */
  async handle(message: MatrixMessage): Promise<boolean> {
    const portals = await this.portals.portalsOfRoom(message.roomId);
    if (!portals.length) return false;
    if (await this.messages.getByEventId(message.eventId)) return true; // sent before a restart
    for (const portal of portals) await this.relay(portal, message);
    return true;
  }

  private async relay(portal: PortalRecord, message: MatrixMessage): Promise<void> {
    const entry = this.networks.get(portal.network);
    if (!entry) return this.notice(message, `Not delivered: the ${portal.network} network is not enabled on this bridge.`);
    const label = entry.connector.label;
    const permission = networkPermissionFor(
      message.sender,
      this.options.globalPermissions,
      this.options.networkPermissions(portal.network),
      this.matrix.domain,
    );
    if (!atLeast(permission, "user")) {
      return this.notice(message, `Not delivered to ${label}: you are not allowed to use ${label} through this bridge.`);
    }
    const msgtype = String(message.content.msgtype ?? "");
    const kind = SENDABLE[msgtype];
    if (!kind) {
      return this.notice(message, `Not delivered to ${label}: this bridge does not carry ${describeMsgtype(msgtype)} yet.`);
    }
    const outgoing: OutgoingMessage = { kind, content: fromMatrixMessage(message.content) };
    const replyTo = await this.replyTarget(message, portal);
    if (replyTo) outgoing.replyToMessageId = replyTo;
    await this.send(entry, portal, message, outgoing);
  }

  private async send(entry: NetworkEntry, portal: PortalRecord, message: MatrixMessage, outgoing: OutgoingMessage): Promise<void> {
    const chat = { network: portal.network, chatId: portal.chatId, receiver: portal.receiver };
    try {
      const result = await entry.connector.sendMessage(chat, outgoing);
      const timestamp = result.timestamp ?? Date.now();
      for (const [index, remoteId] of result.messageIds.entries()) {
        await this.messages.insert({
          network: portal.network,
          remoteId,
          partId: partId(index),
          chatId: portal.chatId,
          receiver: portal.receiver,
          roomId: message.roomId,
          eventId: index === 0 ? message.eventId : `${message.eventId}#${index}`,
          senderId: null,
          timestamp,
        });
      }
      log.debug("bridged a message to the network", { network: portal.network, eventId: message.eventId, parts: result.messageIds.length });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      log.warn("the network refused a message", { network: portal.network, roomId: message.roomId, reason: err.reason, detail: err.detail });
      await this.notice(message, `Not delivered to ${entry.connector.label}: ${err.userMessage}`);
    }
  }

  private async replyTarget(message: MatrixMessage, portal: PortalRecord): Promise<string | undefined> {
    const relation = message.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
    const eventId = relation?.["m.in_reply_to"]?.event_id;
    if (!eventId) return undefined;
    const original = await this.messages.getByEventId(eventId);
    return original && original.network === portal.network ? original.remoteId : undefined;
  }

  private async notice(message: MatrixMessage, text: string): Promise<void> {
    try {
      await this.matrix.sendEvent(this.matrix.botUserId, message.roomId, "m.room.message", {
        msgtype: "m.notice",
        body: text,
        "m.relates_to": { "m.in_reply_to": { event_id: message.eventId } },
      });
    } catch (err) {
      log.error("could not tell the sender that a message was not delivered", { roomId: message.roomId, error: describeError(err) });
    }
  }
}

function describeMsgtype(msgtype: string): string {
  const names: Record<string, string> = {
    "m.image": "images",
    "m.video": "videos",
    "m.audio": "audio",
    "m.file": "files",
    "m.location": "locations",
    "m.sticker": "stickers",
  };
  return names[msgtype] ?? (msgtype ? `${msgtype} messages` : "this kind of message");
}
