import type { PermissionLevel } from "../../../config/permission-levels";
import { describeError, getLogger } from "../../../logging/logger";
import type { MessageRecord } from "../../../store/records";
import { canMarkRead, canShowTyping } from "../../networks/capabilities";
import type { ChatKey } from "../../networks/connector";
import type { NetworkRegistry } from "../../networks/registry";
import { atLeast, networkPermissionFor } from "../../permissions";
import type { PortalService } from "../../portals/portal-service";

const log = getLogger("outbound");

export interface InboundMessagesPort {
  getByEventId(eventId: string): Promise<MessageRecord | null>;
  latestInChat(chat: ChatKey, options: { outbound: boolean; atOrBefore?: number }): Promise<MessageRecord | null>;
}

export interface EphemeralOptions {
  domain: string;
  globalPermissions: Record<string, PermissionLevel>;
  networkPermissions(network: string): Record<string, PermissionLevel>;
  isBridgeUser(userId: string): boolean;
}

/**
 * Read receipts and typing of Matrix users in portals, to the network: the person sees their
 * messages read and the answer being typed. Best effort: nothing here is worth a retry.
 */
export class OutboundEphemeral {
  private readonly typing = new Map<string, Set<string>>();
  private readonly lastMarked = new Map<string, string>();

  constructor(
    private readonly networks: NetworkRegistry,
    private readonly portals: PortalService,
    private readonly messages: InboundMessagesPort,
    private readonly options: EphemeralOptions,
  ) {}

  async receipt(roomId: string, userId: string, eventId: string): Promise<void> {
    if (!this.mayUse(userId)) return;
    for (const portal of await this.portals.portalsOfRoom(roomId)) {
      const entry = this.networks.get(portal.network);
      if (!entry || !canMarkRead(entry.connector) || !this.allowed(userId, portal.network)) continue;
      const chat = { network: portal.network, chatId: portal.chatId, receiver: portal.receiver };
      const read = await this.messages.getByEventId(eventId);
      const latest = read?.senderId ? read : await this.messages.latestInChat(chat, { outbound: false, atOrBefore: read?.timestamp });
      if (!latest || latest.network !== portal.network) continue;
      const key = JSON.stringify(chat);
      if (this.lastMarked.get(key) === latest.remoteId) continue;
      this.lastMarked.set(key, latest.remoteId);
      await entry.connector.markRead(chat, latest.remoteId).catch((err) => log.debug("mark read failed", { network: portal.network, error: describeError(err) }));
    }
  }

  /** The room's typing users now (the homeserver sends the full list each time). */
  async typingChanged(roomId: string, userIds: string[]): Promise<void> {
    const now = new Set(userIds.filter((u) => !this.options.isBridgeUser(u) && this.mayUse(u)));
    const before = this.typing.get(roomId) ?? new Set<string>();
    this.typing.set(roomId, now);
    const wasTyping = before.size > 0;
    const isTyping = now.size > 0;
    if (wasTyping === isTyping) return;
    for (const portal of await this.portals.portalsOfRoom(roomId)) {
      const entry = this.networks.get(portal.network);
      if (!entry || !canShowTyping(entry.connector)) continue;
      if (isTyping && ![...now].some((userId) => this.allowed(userId, portal.network))) continue;
      const chat = { network: portal.network, chatId: portal.chatId, receiver: portal.receiver };
      const lastIncoming = await this.messages.latestInChat(chat, { outbound: false });
      await entry.connector.setTyping(chat, isTyping, lastIncoming?.remoteId).catch((err) => log.debug("typing failed", { network: portal.network, error: describeError(err) }));
    }
  }

  private mayUse(userId: string): boolean {
    return !this.options.isBridgeUser(userId);
  }

  private allowed(userId: string, network: string): boolean {
    return atLeast(networkPermissionFor(userId, this.options.globalPermissions, this.options.networkPermissions(network), this.options.domain), "user");
  }
}
