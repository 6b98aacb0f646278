import { getLogger } from "../../logging/logger";
import type { PortalKey, PortalRecord } from "../../store/records";
import type { MatrixPort } from "../matrix-port";
import type { ChatKey } from "../networks/connector";
import type { NetworkEntry } from "../networks/registry";
import { portalRoomSpec } from "./portal-room-spec";

const log = getLogger("portals");

export interface PortalStorePort {
  get(key: PortalKey): Promise<PortalRecord | null>;
  upsert(record: Omit<PortalRecord, "createdAt" | "lastInboundAt"> & { createdAt?: number }): Promise<PortalRecord>;
  listByRoomId(roomId: string): Promise<PortalRecord[]>;
  recordInbound(key: PortalKey, at: number): Promise<void>;
}

export interface PortalOptions {
  /** invite targets (user ids, room ids, aliases) of a network */
  inviteTargets(network: string): string[];
  encryptByDefault: boolean;
  /** the contact room of the person behind a chat, when an admin linked their identities */
  contactRoomFor?(chat: ChatKey): Promise<string | undefined>;
}

export interface PortalContact {
  ghostUserId: string;
  ghostAvatarUrl?: string | null;
  name: string;
}

export type OpenPortal = PortalRecord & { roomId: string };

/** Chats as Matrix rooms: one portal per (network, chat, receiving account), created on first need. */
export class PortalService {
  constructor(
    private readonly portals: PortalStorePort,
    private readonly matrix: MatrixPort,
    private readonly options: PortalOptions,
  ) {}

  find(chat: ChatKey): Promise<PortalRecord | null> {
    return this.portals.get(chat);
  }

  /** The chat's portal with its room; creates both when missing. Runs inside the chat's queue. */
  async ensurePortal(entry: NetworkEntry, chat: ChatKey, contact: PortalContact): Promise<OpenPortal> {
    const existing = await this.portals.get(chat);
    if (existing?.roomId) {
      // a portal room is named after its person; a room shared with others (contact, group) is not renamed
      if (existing.name !== null && existing.name !== contact.name && (await this.portals.listByRoomId(existing.roomId)).length === 1) {
        await this.rename(existing, contact.name);
        return { ...existing, roomId: existing.roomId, name: contact.name };
      }
      return { ...existing, roomId: existing.roomId };
    }
    const account = entry.connector.accounts().find((a) => a.id === chat.receiver);
    const contactRoom = await this.options.contactRoomFor?.(chat);
    if (contactRoom) return this.joinContactRoom(entry, chat, contact, contactRoom, account?.label ?? chat.receiver);
    const invite = [...new Set(await this.matrix.resolveInviteTargets(this.options.inviteTargets(chat.network)))];
    if (!invite.length) log.warn("no one to invite to a new portal; set networks.<network>.invite", { network: chat.network });
    const spec = portalRoomSpec({
      entry,
      chat,
      contactName: contact.name,
      accountLabel: account?.label ?? chat.receiver,
      ghostUserId: contact.ghostUserId,
      ghostAvatarUrl: contact.ghostAvatarUrl ?? undefined,
      botUserId: this.matrix.botUserId,
      invite,
      encrypted: this.options.encryptByDefault,
    });
    const roomId = await this.matrix.createPortalRoom(spec);
    const record = {
      ...chat,
      roomId,
      name: spec.name,
      topic: spec.topic,
      avatarUrl: spec.avatarUrl ?? null,
      encrypted: spec.encrypted,
    };
    const saved = await this.portals.upsert(record);
    log.info("created a portal", { network: chat.network, roomId, invited: invite.length });
    return { ...saved, roomId };
  }

  /** A linked identity's first chat goes to the person's contact room instead of a room of its own. */
  private async joinContactRoom(entry: NetworkEntry, chat: ChatKey, contact: PortalContact, roomId: string, accountLabel: string): Promise<OpenPortal> {
    await this.matrix.addGhostToRoom(roomId, contact.ghostUserId);
    const spec = portalRoomSpec({
      entry, chat, contactName: contact.name, accountLabel, ghostUserId: contact.ghostUserId, botUserId: this.matrix.botUserId, invite: [], encrypted: false,
    });
    for (const state of spec.initialState) await this.matrix.setRoomState(roomId, state.type, state.stateKey, state.content);
    const saved = await this.portals.upsert({ ...chat, roomId, name: contact.name, topic: spec.topic, avatarUrl: null, encrypted: false });
    log.info("a linked identity's chat joined its contact room", { network: chat.network, roomId });
    return { ...saved, roomId };
  }

  /** Moves a portal into another room (identity links), or out of any room (null: a new one is made on the next message). */
  async moveTo(portal: PortalRecord, roomId: string | null): Promise<void> {
    await this.portals.upsert({ ...portal, roomId });
  }

  /** Someone enabled encryption in the room: its portals are encrypted from now on. */
  async markEncrypted(roomId: string): Promise<void> {
    for (const portal of await this.portals.listByRoomId(roomId)) {
      if (!portal.encrypted) await this.portals.upsert({ ...portal, encrypted: true });
    }
  }

  /** The person wrote in the chat at `at` (their messaging window opens again). */
  async recordInbound(chat: ChatKey, at: number): Promise<void> {
    await this.portals.recordInbound(chat, at);
  }

  async portalsOfRoom(roomId: string): Promise<PortalRecord[]> {
    return this.portals.listByRoomId(roomId);
  }

  private async rename(portal: PortalRecord & { roomId: string | null }, name: string): Promise<void> {
    if (!portal.roomId) return;
    await this.matrix.setRoomName(portal.roomId, name);
    await this.portals.upsert({ ...portal, name });
  }
}
