import { deviceKeyId, hasValidSignature } from "../keys/signing";
import { type DeviceKeysJson, isObject, isString } from "../types";

export type Ed25519Verify = (publicKey: string, message: string, signature: string) => boolean;

export type DeviceKeysCheck =
  | { ok: true; keys: DeviceKeysJson; curve25519Key: string; ed25519Key: string }
  | { ok: false; reason: string };

/**
 * Checks device keys another user's device published: they name the user and device they were
 * listed under, carry both keys, and are signed by the device's own ed25519 key.
 */
export function checkDeviceKeys(json: unknown, userId: string, deviceId: string, verify: Ed25519Verify): DeviceKeysCheck {
  if (!isObject(json)) return { ok: false, reason: "not an object" };
  if (json.user_id !== userId) return { ok: false, reason: `listed for ${userId} but names ${String(json.user_id)}` };
  if (json.device_id !== deviceId) return { ok: false, reason: `listed as device ${deviceId} but names ${String(json.device_id)}` };
  const keys = json.keys;
  if (!isObject(keys)) return { ok: false, reason: "no keys" };
  const ed25519Key = keys[deviceKeyId(deviceId)];
  const curve25519Key = keys[`curve25519:${deviceId}`];
  if (!isString(ed25519Key) || !isString(curve25519Key)) return { ok: false, reason: "missing ed25519 or curve25519 key" };
  if (!hasValidSignature(json, userId, deviceKeyId(deviceId), ed25519Key, verify)) {
    return { ok: false, reason: "not signed by the device's own ed25519 key" };
  }
  return { ok: true, keys: json as DeviceKeysJson, curve25519Key, ed25519Key };
}
