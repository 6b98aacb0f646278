import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "../epoch-millis";

export interface CryptoDeviceRow {
  userId: string;
  deviceId: string;
  curve25519Key: string;
  ed25519Key: string;
  keysJson: string;
  updatedAt: number;
}

/** Other users' devices whose keys passed verification. */
export const CryptoDeviceEntity = new EntitySchema<CryptoDeviceRow>({
  name: "CryptoDevice",
  tableName: "crypto_devices",
  columns: {
    userId: { name: "user_id", type: "varchar", length: 255, primary: true },
    deviceId: { name: "device_id", type: "varchar", length: 255, primary: true },
    curve25519Key: { name: "curve25519_key", type: "varchar", length: 64 },
    ed25519Key: { name: "ed25519_key", type: "varchar", length: 64 },
    keysJson: { name: "keys_json", type: "text" },
    updatedAt: { name: "updated_at", type: "bigint", transformer: epochMillisTransformer },
  },
  indices: [{ name: "IDX_crypto_devices_curve25519_key", columns: ["curve25519Key"] }],
});
