import { getLogger } from "../../logging/logger";
import type { GhostService } from "../ghosts/ghost-service";
import type { MatrixPort } from "../matrix-port";
import { canCarryMedia } from "../networks/capabilities";
import type { RemoteMessage } from "../networks/connector";
import type { NetworkRegistry } from "../networks/registry";
import { PermanentFailure } from "../queue/inbox-worker";
import type { PortalService } from "../portals/portal-service";
import { inboundDrafts, type MediaBridge } from "./inbound-content";
import { partId, type MessageMapPort } from "./message-map";

const log = getLogger("inbound");

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
    const contactName = message.sender.name ?? ghostName(ghost.displayName, entry.displaynameTemplate) ?? entry.connector.describeUser(message.sender.id);
    const portal = await this.portals.ensurePortal(entry, chat, { ghostUserId: ghost.userId, ghostAvatarUrl: ghost.avatarUrl, name: contactName });

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
    }
  }
}

/** The person's name inside a display name rendered from the template ("Bob (WhatsApp)" → "Bob"). */
function ghostName(displayName: string | null, template: string): string | undefined {
  if (!displayName) return undefined;
  const [before, after] = template.split("{name}") as [string, string];
  if (!displayName.startsWith(before) || !displayName.endsWith(after)) return undefined;
  return displayName.slice(before.length, displayName.length - after.length) || undefined;
}
