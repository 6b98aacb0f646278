import { describeError, getLogger } from "../../logging/logger";
import type { PortalKey, PortalRecord } from "../../store/records";
import type { GhostService } from "../ghosts/ghost-service";
import type { MatrixPort } from "../matrix-port";
import type { NetworkRegistry } from "../networks/registry";
import { portalRoomSpec } from "../portals/portal-room-spec";
import type { PortalService } from "../portals/portal-service";
import type { BridgedRoomStorePort } from "./identity-links";
import { formatIdentity } from "./identity";

const log = getLogger("group-rooms");

export interface GroupPortalsPort {
  get(key: PortalKey): Promise<PortalRecord | null>;
  upsert(record: Omit<PortalRecord, "createdAt" | "lastInboundAt"> & { createdAt?: number }): Promise<PortalRecord>;
}

/**
 * Rooms that join people on different networks: an admin bridges chats into an existing Matrix
 * room; every side's messages reach every other side (see OutboundRelay.relayFromNetwork).
 */
export class GroupRooms {
  constructor(
    private readonly portals: GroupPortalsPort,
    private readonly portalService: PortalService,
    private readonly rooms: BridgedRoomStorePort,
    private readonly ghosts: GhostService,
    private readonly networks: NetworkRegistry,
    private readonly matrix: MatrixPort,
  ) {}

  /** Bridges a chat into the room; the answer is for the user. */
  async bridge(roomId: string, network: string, chatId: string, account: string | undefined): Promise<string> {
    const entry = this.networks.get(network);
    if (!entry) return `${network} is not a network of this bridge.`;
    const accounts = entry.connector.accounts();
    const receiver = account ?? accounts[0]?.id;
    if (!receiver || !accounts.some((a) => a.id === receiver)) {
      return `No ${entry.connector.label} account ${account ?? ""} to bridge through (configured: ${accounts.map((a) => a.id).join(", ") || "none"}).`;
    }
    const room = await this.rooms.get(roomId);
    if (room?.kind === "contact") return "This is a person's contact room; bridge chats into a room of its own.";
    const key = { network, chatId, receiver };
    const existing = await this.portals.get(key);
    if (existing?.roomId === roomId) return `${formatIdentity({ network, remoteId: chatId })} is already bridged here.`;
    if (existing?.roomId) return `That chat is bridged to another room (${existing.roomId}); unbridge it there first.`;
    const ghost = await this.ghosts.ensureGhost(entry, chatId, { receiver });
    await this.matrix.addGhostToRoom(roomId, ghost.userId);
    const spec = portalRoomSpec({
      entry, chat: key, contactName: entry.connector.describeUser(chatId), accountLabel: receiver, ghostUserId: ghost.userId, botUserId: this.matrix.botUserId, invite: [], encrypted: false,
    });
    let stateNote = "";
    try {
      for (const state of spec.initialState) await this.matrix.setRoomState(roomId, state.type, state.stateKey, state.content);
    } catch (err) {
      // a room someone else made: the bot may lack the power to set state; bridging works without it
      log.info("could not add bridge info to a group room's state", { roomId, error: describeError(err) });
      stateNote = " (Give the bridge bot moderator power here to show the bridge in the room's settings.)";
    }
    await this.portals.upsert({ ...key, roomId, name: null, topic: null, avatarUrl: null, encrypted: existing?.encrypted ?? false });
    await this.rooms.upsert({ roomId, kind: "group", personId: null, outgoingNetwork: null });
    log.info("bridged a chat into a group room", { network, roomId });
    return `Bridged ${entry.connector.label} chat ${entry.connector.describeUser(chatId)} into this room: messages now reach every bridged chat here.${stateNote}`;
  }

  async unbridge(roomId: string, network: string, chatId: string | undefined): Promise<string> {
    const portals = (await this.portalService.portalsOfRoom(roomId)).filter((p) => p.network === network && (!chatId || p.chatId === chatId));
    if (!portals.length) return `No ${network} chat is bridged here.`;
    for (const portal of portals) {
      await this.portalService.moveTo(portal, null);
      const entry = this.networks.get(network);
      if (entry) await this.matrix.removeGhostFromRoom(roomId, this.ghosts.userIdFor(entry, portal.chatId)).catch(() => undefined);
    }
    if (!(await this.portalService.portalsOfRoom(roomId)).length) await this.rooms.delete(roomId);
    return `Unbridged ${portals.map((p) => formatIdentity({ network: p.network, remoteId: p.chatId })).join(", ")} from this room.`;
  }

  /** `via`: the network replies in a contact room go out on (null: follow the person). */
  async chooseOutgoing(roomId: string, network: string | null): Promise<string> {
    const room = await this.rooms.get(roomId);
    if (room?.kind !== "contact") return "`via` chooses the network in a contact room (one person on several networks); this is not one.";
    const portals = await this.portalService.portalsOfRoom(roomId);
    if (network && !portals.some((p) => p.network === network)) {
      return `This person has no ${network} chat here (${portals.map((p) => p.network).join(", ")}).`;
    }
    await this.rooms.upsert({ ...room, outgoingNetwork: network });
    return network ? `Replies here now go out on ${network} (until \`via auto\`).` : "Replies here follow the network the person last wrote from.";
  }
}
