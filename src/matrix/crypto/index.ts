// The bridge's own end-to-end encryption engine (Olm/Megolm on libolm primitives). See README.md.
import type { Store } from "../../store";
import type { HomeserverClient } from "../homeserver-client";
import { OlmDecryptor } from "./channel/olm-decryptor";
import { OlmEncryptor } from "./channel/olm-encryptor";
import { Unwedger } from "./channel/unwedger";
import type { CryptoContext } from "./context";
import { DeviceTracker } from "./devices/device-tracker";
import { KeyMaintenance } from "./devices/key-maintenance";
import { OwnDevices } from "./devices/own-devices";
import { type CryptoEngine, Engine } from "./engine";
import { KeyedMutex } from "./keyed-mutex";
import { SeedCipher } from "./keys/seed-cipher";
import { GroupDecryptor } from "./megolm/group-decryptor";
import { GroupEncryptor } from "./megolm/group-encryptor";
import { KeyRequests } from "./megolm/key-requests";
import { NewDeviceSharing } from "./megolm/new-device-sharing";
import { RoomKeyImport } from "./megolm/room-key-import";
import { RoomKeySharing } from "./megolm/room-key-sharing";
import { SessionDistribution } from "./megolm/session-distribution";
import { WithheldNotes } from "./megolm/withheld-notes";
import { type CryptoPrimitives, loadLibolm } from "./olm";
import { RoomMembers } from "./rooms/room-members";
import { RoomSettings } from "./rooms/room-settings";

export type { CryptoEngine } from "./engine";
export type { DecryptedRoomEvent } from "./megolm/group-decryptor";
export { CryptoError, DecryptionError, type DecryptionErrorCode, MissingRoomKeyError, type WithheldInfo } from "./errors";
export { MEGOLM_ALGORITHM, OLM_ALGORITHM } from "./algorithms";

export interface CryptoEngineOptions {
  store: Store;
  client: HomeserverClient;
  botUserId: string;
  /** Encrypts everything secret the engine stores (libolm pickles; cross-signing seeds via a derived key). */
  pickleKey: string;
  isOurUser(userId: string): boolean;
  /** Registers one of our users on the homeserver if not done yet (before its device is created). */
  ensureRegistered(userId: string): Promise<void>;
  now?: () => number;
  /** Other primitives than libolm's (tests, a future vodozemac binding). */
  primitives?: CryptoPrimitives;
}

export async function createCryptoEngine(options: CryptoEngineOptions): Promise<CryptoEngine> {
  if (!options.pickleKey) throw new Error("the crypto engine needs a pickle key");
  const ctx: CryptoContext = {
    store: options.store.crypto,
    client: options.client,
    olm: options.primitives ?? (await loadLibolm()),
    pickleKey: options.pickleKey,
    seeds: new SeedCipher(options.pickleKey),
    botUserId: options.botUserId,
    isOurUser: options.isOurUser,
    ensureRegistered: options.ensureRegistered,
    now: options.now ?? Date.now,
    locks: new KeyedMutex(),
  };
  const keys = new KeyMaintenance(ctx);
  const devices = new OwnDevices(ctx, keys);
  const tracker = new DeviceTracker(ctx);
  const settings = new RoomSettings(ctx);
  const members = new RoomMembers(ctx, settings);
  const olmEncryptor = new OlmEncryptor(ctx);
  const unwedger = new Unwedger(ctx, devices, tracker, olmEncryptor);
  const withheld = new WithheldNotes();
  const distribution = new SessionDistribution(ctx, settings, members, new RoomKeySharing(ctx, olmEncryptor));
  return new Engine(ctx, {
    devices,
    keys,
    tracker,
    settings,
    members,
    olmDecryptor: new OlmDecryptor(ctx, tracker, (own, sender, senderKey) => unwedger.schedule(own, sender, senderKey)),
    roomKeys: new RoomKeyImport(ctx),
    groupEncryptor: new GroupEncryptor(ctx, settings, members, tracker, distribution),
    newDevices: new NewDeviceSharing(ctx, devices, members, tracker, distribution),
    groupDecryptor: new GroupDecryptor(ctx, withheld),
    keyRequests: new KeyRequests(ctx, devices),
    withheld,
  });
}
export { decryptAttachment, type EncryptedFile, type EncryptedFileInfo, encryptAttachment } from "./attachments";
