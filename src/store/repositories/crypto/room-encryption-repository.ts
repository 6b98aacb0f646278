import type { RoomEncryptionRecord } from "../../crypto-records";
import { CryptoRoomEntity } from "../../entities/crypto/crypto-room.entity";
import type { StoreExecutor } from "../../store-executor";

/** What the engine knows of rooms' encryption settings. */
export class RoomEncryptionRepository {
  constructor(private readonly executor: StoreExecutor) {}

  get(roomId: string): Promise<RoomEncryptionRecord | null> {
    return this.executor.run((manager) => manager.findOneBy(CryptoRoomEntity, { roomId }));
  }

  save(record: RoomEncryptionRecord): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.upsert(CryptoRoomEntity, record, ["roomId"]);
    });
  }
}
