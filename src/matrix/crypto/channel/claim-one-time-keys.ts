import { getLogger } from "../../../logging/logger";
import type { DeviceKeysRecord } from "../../../store";
import { SIGNED_CURVE25519 } from "../algorithms";
import type { CryptoContext } from "../context";
import { deviceKeyId, hasValidSignature } from "../keys/signing";
import { isObject, isString } from "../types";

const log = getLogger("crypto.olm");
const CLAIM_TIMEOUT_MS = 10_000;

interface ClaimResponse {
  one_time_keys?: Record<string, Record<string, Record<string, unknown>>>;
}

/**
 * Claims a one-time (or fallback) key of each device, as `asUserId`; keys not signed by their
 * device are dropped. Returns the claimed curve25519 key per device (missing: nothing usable).
 */
export async function claimOneTimeKeys(
  ctx: CryptoContext,
  asUserId: string,
  devices: readonly DeviceKeysRecord[],
): Promise<Map<DeviceKeysRecord, string>> {
  const claimed = new Map<DeviceKeysRecord, string>();
  if (!devices.length) return claimed;
  const request: Record<string, Record<string, string>> = {};
  for (const device of devices) (request[device.userId] ??= {})[device.deviceId] = SIGNED_CURVE25519;
  const response = await ctx.client.request<ClaimResponse>("POST", "/_matrix/client/v3/keys/claim", {
    userId: asUserId,
    body: { one_time_keys: request, timeout: CLAIM_TIMEOUT_MS },
  });
  for (const device of devices) {
    const keys = response.one_time_keys?.[device.userId]?.[device.deviceId];
    if (!isObject(keys)) continue;
    const [keyObject] = Object.entries(keys).filter(([id]) => id.startsWith(`${SIGNED_CURVE25519}:`)).map(([, value]) => value);
    if (!isObject(keyObject) || !isString(keyObject.key)) continue;
    const verify = (key: string, message: string, signature: string) => ctx.olm.verifyEd25519(key, message, signature);
    if (!hasValidSignature(keyObject, device.userId, deviceKeyId(device.deviceId), device.ed25519Key, verify)) {
      log.warn("claimed one-time key is not signed by its device", { user: device.userId, device: device.deviceId });
      continue;
    }
    claimed.set(device, keyObject.key);
  }
  return claimed;
}
