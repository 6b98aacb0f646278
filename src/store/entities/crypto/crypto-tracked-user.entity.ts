import { EntitySchema } from "typeorm";
import type { TrackedUserRecord } from "../../crypto-records";
import { epochMillisTransformer } from "../epoch-millis";

export type CryptoTrackedUserRow = TrackedUserRecord;

/** Users whose device lists we follow; outdated ones are fetched again before use. */
export const CryptoTrackedUserEntity = new EntitySchema<CryptoTrackedUserRow>({
  name: "CryptoTrackedUser",
  tableName: "crypto_tracked_users",
  columns: {
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    outdated: { type: "boolean" },
    updatedAt: { name: "updated_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
