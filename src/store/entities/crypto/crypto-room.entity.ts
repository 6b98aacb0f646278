import { EntitySchema } from "typeorm";
import type { RoomEncryptionRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoRoomRow = RoomEncryptionRecord;

/** What we know of a room's encryption; algorithm null means the room is known to be unencrypted. */
export const CryptoRoomEntity = new EntitySchema<CryptoRoomRow>({
  name: "CryptoRoom",
  tableName: "crypto_rooms",
  columns: {
    roomId: { name: "room_id", type: "varchar", length: 255, primary: true },
    algorithm: { type: "varchar", length: 64, nullable: true },
    rotationPeriodMs: { name: "rotation_period_ms", type: "bigint", transformer: epochMillisTransformer },
    rotationPeriodMsgs: { name: "rotation_period_msgs", type: "integer" },
    historyVisibility: { name: "history_visibility", type: "varchar", length: 32, nullable: true },
    updatedAt: { name: "updated_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
