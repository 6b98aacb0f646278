import { EntitySchema } from "typeorm";
import type { OutboundGroupSessionRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoOutboundGroupSessionRow = OutboundGroupSessionRecord;

/** The current Megolm session one of our devices sends with in a room. */
export const CryptoOutboundGroupSessionEntity = new EntitySchema<CryptoOutboundGroupSessionRow>({
  name: "CryptoOutboundGroupSession",
  tableName: "crypto_outbound_group_sessions",
  columns: {
    roomId: { name: "room_id", type: "varchar", length: 255, primary: true },
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    deviceId: { name: "device_id", type: "varchar", length: 255, primary: true },
    sessionId: { name: "session_id", type: "varchar", length: 64 },
    pickle: { type: "text" },
    initialKey: { name: "initial_key", type: "text", nullable: true },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
    messageCount: { name: "message_count", type: "integer" },
  },
  uniques: [{ name: "UQ_crypto_outbound_group_sessions_session_id", columns: ["sessionId"] }],
});
