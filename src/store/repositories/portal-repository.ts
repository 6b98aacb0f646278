import type { PortalRow } from "../entities/portal.entity";
import { PortalEntity } from "../entities/portal.entity";
import type { PortalKey, PortalRecord } from "../records";
import type { StoreExecutor } from "../store-executor";

/** A whole portal; `createdAt` defaults to now for a new portal; `lastInboundAt` is kept by recordInbound. */
export type PortalUpsert = Omit<PortalRecord, "createdAt" | "lastInboundAt"> & { createdAt?: number; lastInboundAt?: number | null };

const REPLACED_COLUMNS = ["room_id", "name", "topic", "avatar_url", "encrypted"];

export class PortalRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: PortalKey): Promise<PortalRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(PortalEntity, keyWhere(key));
      return row ? portalFields(row) : null;
    });
  }

  /** Every portal linked to a Matrix room (one per network at most, in practice). */
  listByRoomId(roomId: string): Promise<PortalRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(PortalEntity, {
        where: { roomId },
        order: { network: "ASC", chatId: "ASC", receiver: "ASC" },
      });
      return rows.map(portalFields);
    });
  }

  /** The portals of one chat, through any of the bridge's accounts. */
  listByChat(network: string, chatId: string): Promise<PortalRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(PortalEntity, { where: { network, chatId }, order: { createdAt: "ASC", receiver: "ASC" } });
      return rows.map(portalFields);
    });
  }

  /** Inserts or replaces a portal; an existing portal keeps its `createdAt`. */
  upsert(portal: PortalUpsert): Promise<PortalRecord> {
    const row = portalFields({ ...portal, lastInboundAt: portal.lastInboundAt ?? null, createdAt: portal.createdAt ?? this.clock() });
    return this.executor.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(PortalEntity)
        .values(row)
        .orUpdate(REPLACED_COLUMNS, ["network", "chat_id", "receiver"])
        .updateEntity(false)
        .execute();
      return portalFields(await manager.findOneByOrFail(PortalEntity, keyWhere(row)));
    });
  }

  /** The person wrote at `at`: moves the portal's last inbound time forward (never back). */
  recordInbound(key: PortalKey, at: number): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(PortalEntity)
        .set({ lastInboundAt: at })
        .where("network = :network AND chat_id = :chatId AND receiver = :receiver", keyWhere(key))
        .andWhere("(last_inbound_at IS NULL OR last_inbound_at < :at)", { at })
        .execute();
    });
  }

  /** Returns whether a portal was deleted. */
  delete(key: PortalKey): Promise<boolean> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(PortalEntity, keyWhere(key));
      return (result.affected ?? 0) > 0;
    });
  }
}

function keyWhere(key: PortalKey): PortalKey {
  return { network: key.network, chatId: key.chatId, receiver: key.receiver };
}

/**
 * Rows and records have the same fields (the types make sure of it both ways); copied, so that
 * nothing else passes either way.
 */
function portalFields(row: PortalRow): PortalRecord {
  return {
    network: row.network,
    chatId: row.chatId,
    receiver: row.receiver,
    roomId: row.roomId,
    name: row.name,
    topic: row.topic,
    avatarUrl: row.avatarUrl,
    encrypted: row.encrypted,
    lastInboundAt: row.lastInboundAt,
    createdAt: row.createdAt,
  };
}
