import type { JsonObject } from "./keys/signing";

/** Device keys as uploaded with /keys/upload and returned by /keys/query. */
export interface DeviceKeysJson extends JsonObject {
  user_id: string;
  device_id: string;
  algorithms: string[];
  keys: Record<string, string>;
  signatures?: Record<string, Record<string, string>>;
}

export interface CrossSigningKeyJson extends JsonObject {
  user_id: string;
  usage: string[];
  keys: Record<string, string>;
  signatures?: Record<string, Record<string, string>>;
}

/** One of our devices, set up and ready to send and receive. */
export interface OwnDevice {
  userId: string;
  deviceId: string;
  curve25519Key: string;
  ed25519Key: string;
  /** Its device keys signed by itself and by its user's self-signing key (sent along in Olm payloads). */
  signedDeviceKeys: DeviceKeysJson;
}

/** Whom a to-device message goes to. */
export interface DeviceAddress {
  userId: string;
  deviceId: string;
}

/** The decrypted payload of an Olm to-device message. */
export interface OlmPayload extends JsonObject {
  type: string;
  content: JsonObject;
  sender: string;
  recipient: string;
  recipient_keys: { ed25519: string };
  keys: { ed25519: string };
  sender_device?: string;
  sender_device_keys?: DeviceKeysJson;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === "string";
