import { BridgedRoomEntity } from "../entities/bridged-room.entity";
import type { BridgedRoomRecord } from "../records";
import type { StoreExecutor } from "../store-executor";

const REPLACED_COLUMNS = ["kind", "person_id", "outgoing_network"];

/** Rooms holding several portals: contact rooms and multi-network group rooms. */
export class BridgedRoomRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  get(roomId: string): Promise<BridgedRoomRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(BridgedRoomEntity, { roomId });
      return row ? { ...row } : null;
    });
  }

  getByPerson(personId: string): Promise<BridgedRoomRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(BridgedRoomEntity, { personId });
      return row ? { ...row } : null;
    });
  }

  upsert(room: Omit<BridgedRoomRecord, "createdAt"> & { createdAt?: number }): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(BridgedRoomEntity)
        .values({ ...room, createdAt: room.createdAt ?? this.clock() })
        .orUpdate(REPLACED_COLUMNS, ["room_id"])
        .updateEntity(false)
        .execute();
    });
  }

  delete(roomId: string): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.delete(BridgedRoomEntity, { roomId });
    });
  }
}
