// The shapes the end-to-end encryption engine (src/matrix/crypto) keeps in the store. Pickles, initial
// session keys and seeds are stored encrypted (libolm pickles with the pickle key, the others with a key
// derived from it); the store never sees them in the clear.
import type { EpochMillis, JsonObject } from "./records";

/** One device of one of our users: its libolm account and how far its setup got. */
export interface CryptoAccountRecord {
  userId: string;
  deviceId: string;
  pickle: string;
  curve25519Key: string;
  ed25519Key: string;
  /** The device exists on the homeserver (MSC4190). */
  deviceCreated: boolean;
  /** Device keys, one-time keys and a fallback key are uploaded. */
  keysUploaded: boolean;
  /** The device is signed by its user's self-signing key on the homeserver. */
  crossSigned: boolean;
  /** The homeserver's last reported count of our unclaimed signed_curve25519 one-time keys. */
  serverOtkCount: number;
  fallbackRotatedAt: EpochMillis | null;
  createdAt: EpochMillis;
  updatedAt: EpochMillis;
}

export type CryptoAccountKey = { userId: string; deviceId: string };

/** An Olm session between one of our devices and the device with curve25519 key `theirKey`. */
export interface OlmSessionRecord {
  userId: string;
  deviceId: string;
  theirKey: string;
  sessionId: string;
  pickle: string;
  createdAt: EpochMillis;
  lastUsedAt: EpochMillis;
}

/** The Megolm session a device of ours currently sends with in a room. */
export interface OutboundGroupSessionRecord {
  roomId: string;
  userId: string;
  deviceId: string;
  sessionId: string;
  pickle: string;
  /**
   * The session key at index 0 (the signed m.room_key `session_key`), sealed with a key derived from
   * the pickle key; null for sessions made before it was kept.
   */
  initialKey: string | null;
  createdAt: EpochMillis;
  messageCount: number;
}

/** An outbound session given to (messageIndex) or withheld from (withheld code) one device. */
export interface GroupShareRecord {
  sessionId: string;
  userId: string;
  deviceId: string;
  messageIndex: number;
  withheld: string | null;
  sharedAt: EpochMillis;
}

export interface InboundGroupSessionRecord {
  roomId: string;
  sessionId: string;
  /** curve25519 key of the device that created the session */
  senderKey: string;
  /** The user that sent us the key over Olm (the Megolm sender must match); null if unknown. */
  senderUserId: string | null;
  claimedEd25519Key: string;
  firstKnownIndex: number;
  pickle: string;
  /** curve25519 keys of the devices that forwarded the key, oldest first; empty when direct */
  forwardingChain: string[];
  receivedByUserId: string;
  receivedByDeviceId: string;
  createdAt: EpochMillis;
}

/** Another user's device, as fetched with /keys/query and verified. */
export interface DeviceKeysRecord {
  userId: string;
  deviceId: string;
  curve25519Key: string;
  ed25519Key: string;
  /** The signed device keys object as the homeserver returned it. */
  keys: JsonObject;
  updatedAt: EpochMillis;
}

export interface TrackedUserRecord {
  userId: string;
  outdated: boolean;
  updatedAt: EpochMillis;
}

/** Cross-signing keys of one of our users: unpadded base64 public keys and encrypted seeds. */
export interface CrossSigningRecord {
  userId: string;
  masterKey: string;
  selfSigningKey: string;
  userSigningKey: string;
  masterSeed: string;
  selfSigningSeed: string;
  userSigningSeed: string;
  uploaded: boolean;
  createdAt: EpochMillis;
}

/** A room's encryption settings; `algorithm` null records that the room is not encrypted. */
export interface RoomEncryptionRecord {
  roomId: string;
  algorithm: string | null;
  rotationPeriodMs: number;
  rotationPeriodMsgs: number;
  historyVisibility: string | null;
  updatedAt: EpochMillis;
}
