import { EntitySchema } from "typeorm";
import type { CryptoAccountRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoAccountRow = CryptoAccountRecord;

export const CryptoAccountEntity = new EntitySchema<CryptoAccountRow>({
  name: "CryptoAccount",
  tableName: "crypto_accounts",
  columns: {
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    deviceId: { name: "device_id", type: "varchar", length: 255, primary: true },
    pickle: { type: "text" },
    curve25519Key: { name: "curve25519_key", type: "varchar", length: 64 },
    ed25519Key: { name: "ed25519_key", type: "varchar", length: 64 },
    deviceCreated: { name: "device_created", type: "boolean" },
    keysUploaded: { name: "keys_uploaded", type: "boolean" },
    crossSigned: { name: "cross_signed", type: "boolean" },
    serverOtkCount: { name: "server_otk_count", type: "integer" },
    fallbackRotatedAt: { name: "fallback_rotated_at", type: "bigint", nullable: true, transformer: epochMillisTransformer },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
    updatedAt: { name: "updated_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
