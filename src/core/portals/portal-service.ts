import { getLogger } from "../../logging/logger";
import type { PortalKey, PortalRecord } from "../../store/records";
import type { MatrixPort } from "../matrix-port";
import type { ChatKey } from "../networks/connector";
import type { NetworkEntry } from "../networks/registry";
import { portalRoomSpec } from "./portal-room-spec";

const log = getLogger("portals");

export interface PortalStorePort {
  get(key: PortalKey): Promise<PortalRecord | null>;
  upsert(record: Omit<PortalRecord, "createdAt"> & { createdAt?: number }): Promise<unknown>;
  listByRoomId(roomId: string): Promise<PortalRecord[]>;
}

export interface PortalOptions {
  /** invite targets (user ids, room ids, aliases) of a network */
  inviteTargets(network: string): string[];
  encryptByDefault: boolean;
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

  /** The chat's portal with its room; creates both when missing. Runs inside the chat's queue. */
  async ensurePortal(entry: NetworkEntry, chat: ChatKey, contact: PortalContact): Promise<OpenPortal> {
    const existing = await this.portals.get(chat);
    if (existing?.roomId) {
      if (existing.name !== contact.name) await this.rename(existing, contact.name);
      return { ...existing, roomId: existing.roomId, name: contact.name };
    }
    const account = entry.connector.accounts().find((a) => a.id === chat.receiver);
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
    await this.portals.upsert(record);
    log.info("created a portal", { network: chat.network, roomId, invited: invite.length });
    return { ...record, createdAt: Date.now() };
  }

  /** Someone enabled encryption in the room: its portals are encrypted from now on. */
  async markEncrypted(roomId: string): Promise<void> {
    for (const portal of await this.portals.listByRoomId(roomId)) {
      if (!portal.encrypted) await this.portals.upsert({ ...portal, encrypted: true });
    }
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
