import { EntitySchema } from "typeorm";
import type { CrossSigningRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoCrossSigningRow = CrossSigningRecord;

/** Cross-signing keys of our users: public keys and encrypted seeds. */
export const CryptoCrossSigningEntity = new EntitySchema<CryptoCrossSigningRow>({
  name: "CryptoCrossSigning",
  tableName: "crypto_cross_signing_keys",
  columns: {
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    masterKey: { name: "master_key", type: "varchar", length: 64 },
    selfSigningKey: { name: "self_signing_key", type: "varchar", length: 64 },
    userSigningKey: { name: "user_signing_key", type: "varchar", length: 64 },
    masterSeed: { name: "master_seed", type: "text" },
    selfSigningSeed: { name: "self_signing_seed", type: "text" },
    userSigningSeed: { name: "user_signing_seed", type: "text" },
    uploaded: { type: "boolean" },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
