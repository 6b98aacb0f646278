import { MEGOLM_ALGORITHM, OLM_ALGORITHM } from "../algorithms";
import { deviceKeyId, withSignature } from "../keys/signing";
import type { DeviceKeysJson } from "../types";

export interface DeviceIdentity {
  userId: string;
  deviceId: string;
  curve25519Key: string;
  ed25519Key: string;
}

/** Our device's keys object, signed by the device itself. */
export function selfSignedDeviceKeys(device: DeviceIdentity, sign: (payload: string) => string): DeviceKeysJson {
  const keys: DeviceKeysJson = {
    user_id: device.userId,
    device_id: device.deviceId,
    algorithms: [OLM_ALGORITHM, MEGOLM_ALGORITHM],
    keys: {
      [`curve25519:${device.deviceId}`]: device.curve25519Key,
      [`ed25519:${device.deviceId}`]: device.ed25519Key,
    },
  };
  return withSignature(keys, device.userId, deviceKeyId(device.deviceId), sign);
}
