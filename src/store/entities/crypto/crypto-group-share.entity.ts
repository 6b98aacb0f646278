import { EntitySchema } from "typeorm";
import type { GroupShareRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoGroupShareRow = GroupShareRecord;

/** Who an outbound Megolm session was shared with (at which index), or withheld from (with which code). */
export const CryptoGroupShareEntity = new EntitySchema<CryptoGroupShareRow>({
  name: "CryptoGroupShare",
  tableName: "crypto_group_shares",
  columns: {
    sessionId: { name: "session_id", type: "varchar", length: 64, primary: true },
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    deviceId: { name: "device_id", type: "varchar", length: 255, primary: true },
    messageIndex: { name: "message_index", type: "integer" },
    withheld: { type: "varchar", length: 64, nullable: true },
    sharedAt: { name: "shared_at", type: "bigint", transformer: epochMillisTransformer },
  },
  indices: [{ name: "IDX_crypto_group_shares_user_id", columns: ["userId"] }],
});
