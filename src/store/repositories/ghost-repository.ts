import type { GhostRow } from "../entities/ghost.entity";
import { GhostEntity } from "../entities/ghost.entity";
import type { GhostKey, GhostRecord } from "../records";
import type { StoreExecutor } from "../store-executor";
import { translateConflict } from "./translate-conflict";

/** A whole ghost; `createdAt` defaults to now for a new ghost. */
export type GhostUpsert = Omit<GhostRecord, "createdAt"> & { createdAt?: number };

const REPLACED_COLUMNS = [
  "user_id",
  "display_name",
  "avatar_url",
  "avatar_source",
  "registered",
  "profile_updated_at",
];

export class GhostRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: GhostKey): Promise<GhostRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(GhostEntity, { network: key.network, remoteId: key.remoteId });
      return row ? ghostFields(row) : null;
    });
  }

  getByUserId(userId: string): Promise<GhostRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(GhostEntity, { userId });
      return row ? ghostFields(row) : null;
    });
  }

  /**
   * Inserts or replaces a ghost; an existing ghost keeps its `createdAt`.
   * @throws StoreConflictError when another ghost already has this Matrix user id.
   */
  upsert(ghost: GhostUpsert): Promise<GhostRecord> {
    const row: GhostRow = ghostFields({ ...ghost, createdAt: ghost.createdAt ?? this.clock() });
    const work = this.executor.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(GhostEntity)
        .values(row)
        .orUpdate(REPLACED_COLUMNS, ["network", "remote_id"])
        .updateEntity(false)
        .execute();
      return ghostFields(await manager.findOneByOrFail(GhostEntity, { network: row.network, remoteId: row.remoteId }));
    });
    return translateConflict(work, () => `Matrix user ${row.userId} already belongs to another ghost`);
  }
}

/**
 * Rows and records have the same fields (the types make sure of it both ways); copied, so that
 * nothing else passes either way.
 */
function ghostFields(ghost: GhostRow): GhostRecord {
  return {
    network: ghost.network,
    remoteId: ghost.remoteId,
    userId: ghost.userId,
    displayName: ghost.displayName,
    avatarUrl: ghost.avatarUrl,
    avatarSource: ghost.avatarSource,
    registered: ghost.registered,
    profileUpdatedAt: ghost.profileUpdatedAt,
    createdAt: ghost.createdAt,
  };
}
