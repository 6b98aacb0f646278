import type { ManagementRoomRow } from "../entities/management-room.entity";
import { ManagementRoomEntity } from "../entities/management-room.entity";
import type { ManagementRoomRecord } from "../records";
import type { StoreExecutor } from "../store-executor";

/** Direct rooms between a Matrix user and the bridge bot. */
export class ManagementRoomRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  get(roomId: string): Promise<ManagementRoomRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(ManagementRoomEntity, { roomId });
      return row ? toRecord(row) : null;
    });
  }

  /** Records a management room; adding a room that is already known changes nothing. */
  add(roomId: string, userId: string): Promise<ManagementRoomRecord> {
    const row: ManagementRoomRow = { roomId, userId, createdAt: this.clock() };
    return this.executor.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(ManagementRoomEntity).values(row).orIgnore().updateEntity(false).execute();
      return toRecord(await manager.findOneByOrFail(ManagementRoomEntity, { roomId }));
    });
  }

  /** Returns whether a room was removed. */
  remove(roomId: string): Promise<boolean> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(ManagementRoomEntity, { roomId });
      return (result.affected ?? 0) > 0;
    });
  }

  listByUser(userId: string): Promise<ManagementRoomRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(ManagementRoomEntity, { where: { userId }, order: { createdAt: "ASC", roomId: "ASC" } });
      return rows.map(toRecord);
    });
  }
}

function toRecord(row: ManagementRoomRow): ManagementRoomRecord {
  return { roomId: row.roomId, userId: row.userId, createdAt: row.createdAt };
}
