import { enc } from "../../homeserver-client";
import { SIGNED_CURVE25519 } from "../algorithms";
import type { CryptoContext } from "../context";
import { deviceKeyId, withSignature } from "../keys/signing";
import type { OlmAccount } from "../olm";
import type { DeviceKeysJson } from "../types";

export const KEYS_UPLOAD_PATH = "/_matrix/client/v3/keys/upload";
/** A fallback key is replaced at most this often, however often the homeserver says it was used. */
export const FALLBACK_ROTATION_MIN_INTERVAL_MS = 60 * 60 * 1000;

/**
 * How many one-time keys the homeserver should hold: half of what libolm keeps, so that keys
 * uploaded on a stale count never push out private keys the homeserver still hands out.
 */
export function oneTimeKeyTarget(maxOneTimeKeys: number): number {
  return Math.floor(maxOneTimeKeys / 2);
}

/** How many new one-time keys to upload when the homeserver holds `serverCount`. */
export function oneTimeKeysToGenerate(serverCount: number, maxOneTimeKeys: number): number {
  return Math.max(0, oneTimeKeyTarget(maxOneTimeKeys) - serverCount);
}

/** Whether the fallback key should be replaced, given the unused fallback key types the homeserver reports. */
export function fallbackKeyNeedsRotation(unusedTypes: readonly string[], rotatedAt: number | null, now: number): boolean {
  if (unusedTypes.includes(SIGNED_CURVE25519)) return false;
  return rotatedAt === null || now - rotatedAt >= FALLBACK_ROTATION_MIN_INTERVAL_MS;
}

export interface KeyUploadBody {
  device_keys?: DeviceKeysJson;
  one_time_keys?: Record<string, Record<string, unknown>>;
  fallback_keys?: Record<string, Record<string, unknown>>;
}

/** The signed one-time and fallback keys the account has not published yet, as /keys/upload takes them. */
export function unpublishedKeysBody(account: OlmAccount, userId: string, deviceId: string): KeyUploadBody {
  const sign = (payload: string) => account.sign(payload);
  const keyId = deviceKeyId(deviceId);
  const body: KeyUploadBody = {};
  const oneTimeKeys = Object.entries(account.unpublishedOneTimeKeys());
  if (oneTimeKeys.length) {
    body.one_time_keys = Object.fromEntries(
      oneTimeKeys.map(([id, key]) => [`${SIGNED_CURVE25519}:${id}`, withSignature({ key }, userId, keyId, sign)]),
    );
  }
  const fallback = Object.entries(account.unpublishedFallbackKey());
  if (fallback.length) {
    body.fallback_keys = Object.fromEntries(
      fallback.map(([id, key]) => [`${SIGNED_CURVE25519}:${id}`, withSignature({ key, fallback: true }, userId, keyId, sign)]),
    );
  }
  return body;
}

interface KeyUploadResponse {
  one_time_key_counts?: Record<string, number>;
}

/** POSTs /keys/upload as the device; returns the homeserver's signed_curve25519 count. */
export async function uploadKeys(ctx: CryptoContext, userId: string, deviceId: string, body: KeyUploadBody): Promise<number> {
  const response = await ctx.client.request<KeyUploadResponse>("POST", KEYS_UPLOAD_PATH, { userId, deviceId, body });
  return response.one_time_key_counts?.[SIGNED_CURVE25519] ?? 0;
}

export const devicePath = (deviceId: string): string => `/_matrix/client/v3/devices/${enc(deviceId)}`;
