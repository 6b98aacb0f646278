import { describeError, getLogger } from "../../logging/logger";
import { personName, type GhostService } from "../ghosts/ghost-service";
import type { MatrixPort } from "../matrix-port";
import type { LinkSuggestions } from "../conversations/link-suggestions";
import { isOpen, windowState } from "../conversations/window";
import { canCarryMedia, hasWindowRules } from "../networks/capabilities";
import type { ChatKey, RemoteMessage } from "../networks/connector";
import type { NetworkRegistry } from "../networks/registry";
import { PermanentFailure } from "../queue/inbox-worker";
import type { NetworkEntry } from "../networks/registry";
import type { PortalService } from "../portals/portal-service";
import type { PortalRecord } from "../../store/records";

/** The state event that tells clients until when a chat's messaging window is open. */
export const WINDOW_STATE = "net.switchboard.window";
import { inboundDrafts, type MediaBridge } from "./inbound-content";
import { partId, type MessageMapPort } from "./message-map";

const log = getLogger("inbound");

/** A person's event, now in Matrix, for the other networks of a group room (cross-network relay). */
export type RelayHook = (
  chat: ChatKey,
  event: { roomId: string; eventId: string; sender: string; type: string; content: Record<string, unknown>; redacts?: string },
  person: { name: string; remoteId: string; networkLabel: string },
) => Promise<void>;

export interface InboundOptions {
  relay?: RelayHook;
  suggestions?: LinkSuggestions;
  commandPrefix?: string;
}

/**
 * A person's message from a network into Matrix: the ghost and the portal are created on first
 * need, the message is sent as the ghost with its original time, and recorded in the message map
 * (which also makes a repeated delivery a no-op).
 */
export class RemoteMessageHandler {
  constructor(
    private readonly networks: NetworkRegistry,
    private readonly ghosts: GhostService,
    private readonly portals: PortalService,
    private readonly messages: MessageMapPort,
    private readonly matrix: MatrixPort,
    private readonly options: InboundOptions = {},
  ) {}

  async handle(message: RemoteMessage): Promise<void> {
    const { chat } = message;
    const entry = this.networks.get(chat.network);
    if (!entry) throw new PermanentFailure(`network ${chat.network} is not enabled`);
    if (await this.messages.get({ network: chat.network, remoteId: message.messageId, partId: "" })) {
      log.debug("already bridged; dropping a repeated delivery", { network: chat.network, messageId: message.messageId });
      return;
    }
    const ghost = await this.ghosts.ensureGhost(entry, message.sender.id, { name: message.sender.name, receiver: chat.receiver });
    const contactName = message.sender.name ?? personName(entry, ghost);
    const before = await this.portals.find(chat);
    const portal = await this.portals.ensurePortal(entry, chat, { ghostUserId: ghost.userId, ghostAvatarUrl: ghost.avatarUrl, name: contactName });
    if (!before?.roomId) await this.suggestLink(portal.roomId, entry.connector.id, message.sender.id, contactName);

    const { connector } = entry;
    const media: MediaBridge | undefined = canCarryMedia(connector)
      ? {
          download: (item) => connector.downloadMedia(chat.receiver, item),
          upload: (data, mimeType, fileName) => this.matrix.uploadMessageMedia(portal.roomId, data, mimeType, fileName),
        }
      : undefined;
    const drafts = await inboundDrafts(message, media, connector.label);
    if (message.replyToMessageId && drafts[0]) {
      const original = await this.messages.get({ network: chat.network, remoteId: message.replyToMessageId, partId: "" });
      if (original) drafts[0].content["m.relates_to"] = { "m.in_reply_to": { event_id: original.eventId } };
    }
    for (const [index, draft] of drafts.entries()) {
      const eventId = await this.matrix.sendEvent(ghost.userId, portal.roomId, draft.type, draft.content, message.timestamp);
      await this.messages.insert({
        network: chat.network,
        remoteId: message.messageId,
        partId: partId(index),
        chatId: chat.chatId,
        receiver: chat.receiver,
        roomId: portal.roomId,
        eventId,
        senderId: message.sender.id,
        timestamp: message.timestamp,
      });
      log.debug("bridged a message into Matrix", { network: chat.network, roomId: portal.roomId, eventId });
      const person = { name: contactName, remoteId: message.sender.id, networkLabel: connector.label };
      await this.options.relay?.(chat, { roomId: portal.roomId, eventId, sender: ghost.userId, type: draft.type, content: draft.content }, person);
    }
    await this.windowReopened(entry, portal, message.timestamp);
  }

  /** Records the person's message time; when their messaging window opens again, says so in the room's state. */
  private async windowReopened(entry: NetworkEntry, portal: PortalRecord & { roomId: string }, at: number): Promise<void> {
    await this.portals.recordInbound(portal, at);
    const { connector } = entry;
    if (!hasWindowRules(connector)) return;
    const rules = connector.messagingWindow();
    if (portal.lastInboundAt !== null && isOpen(windowState(rules, portal.lastInboundAt, at))) return;
    const content = {
      network: portal.network,
      last_inbound_at: at,
      open_until: at + rules.freeFormMs,
      ...(rules.humanAgentMs !== undefined ? { human_agent_until: at + rules.humanAgentMs } : {}),
    };
    // best effort: in a room someone else made the bot may not set state; `status` still tells
    await this.matrix.setRoomState(portal.roomId, WINDOW_STATE, portal.network, content).catch((err: unknown) =>
      log.debug("could not show the messaging window in the room's state", { roomId: portal.roomId, error: describeError(err) }),
    );
  }

  private async suggestLink(roomId: string, network: string, remoteId: string, name: string): Promise<void> {
    const match = this.options.suggestions?.seen(name, network, remoteId);
    if (!match) return;
    const prefix = this.options.commandPrefix ?? "!sb";
    await this.matrix.sendEvent(this.matrix.botUserId, roomId, "m.room.message", {
      msgtype: "m.notice",
      body:
        `Someone named ${name} also wrote on ${match.network} a moment ago. If it is the same person, an admin can merge ` +
        `both chats into one room: ${prefix} link ${match.network}:${match.remoteId}`,
    });
  }
}
