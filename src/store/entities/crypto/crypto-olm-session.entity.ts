import { EntitySchema } from "typeorm";
import type { OlmSessionRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoOlmSessionRow = OlmSessionRecord;

/** Olm sessions of one of our devices with another device, found by that device's curve25519 key. */
export const CryptoOlmSessionEntity = new EntitySchema<CryptoOlmSessionRow>({
  name: "CryptoOlmSession",
  tableName: "crypto_olm_sessions",
  columns: {
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    deviceId: { name: "device_id", type: "varchar", length: 255, primary: true },
    theirKey: { name: "their_key", type: "varchar", length: 64, primary: true },
    sessionId: { name: "session_id", type: "varchar", length: 64, primary: true },
    pickle: { type: "text" },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
    lastUsedAt: { name: "last_used_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
