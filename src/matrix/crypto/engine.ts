import { describeError, getLogger } from "../../logging/logger";
import type { DeviceKeyCounts, RoomEvent, ToDeviceEvent } from "../appservice/transaction-body";
import { SIGNED_CURVE25519 } from "./algorithms";
import type { DecryptedToDevice, OlmDecryptor } from "./channel/olm-decryptor";
import type { CryptoContext } from "./context";
import type { DeviceTracker } from "./devices/device-tracker";
import type { KeyMaintenance } from "./devices/key-maintenance";
import type { OwnDevices } from "./devices/own-devices";
import { CryptoError, type MissingRoomKeyError } from "./errors";
import type { JsonObject } from "./keys/signing";
import type { DecryptedRoomEvent, GroupDecryptor } from "./megolm/group-decryptor";
import type { GroupEncryptor } from "./megolm/group-encryptor";
import type { KeyRequests } from "./megolm/key-requests";
import type { NewDeviceSharing } from "./megolm/new-device-sharing";
import type { RoomKeyImport } from "./megolm/room-key-import";
import type { WithheldNotes } from "./megolm/withheld-notes";
import type { RoomMembers } from "./rooms/room-members";
import type { RoomSettings } from "./rooms/room-settings";
import { isString } from "./types";

const log = getLogger("crypto");

export interface CryptoEngine {
  /** To-device events from a transaction (already persisted by the caller), in order. */
  handleToDevice(events: readonly ToDeviceEvent[]): Promise<void>;
  /** Device-list changes: refetched when next needed, and our live room keys shared with new devices of their users now. */
  handleDeviceLists(changed: readonly string[], left: readonly string[]): Promise<void>;
  handleKeyCounts(counts: DeviceKeyCounts, unusedFallbackKeyTypes: Record<string, Record<string, string[]>>): Promise<void>;
  /** A membership change seen in a room (rotation on leave; tracking on join/invite; our room keys to a joining user's devices). */
  handleMembership(roomId: string, userId: string, membership: string): Promise<void>;
  /** An m.room.history_visibility change (whether invited members get room keys, and new devices the room's history); rotates the room key. */
  handleHistoryVisibility(roomId: string, visibility: string): Promise<void>;
  /** An m.room.encryption state event, or a room the bridge created encrypted. */
  setRoomEncryption(roomId: string, content: Record<string, unknown>): Promise<void>;
  /** Whether the room is encrypted (asks the homeserver once, as the bot, when unknown). */
  isRoomEncrypted(roomId: string): Promise<boolean>;
  /** Encrypts an event a user of ours sends; returns the m.room.encrypted content and the device it was encrypted as. */
  encryptRoomEvent(
    senderUserId: string,
    roomId: string,
    type: string,
    content: Record<string, unknown>,
  ): Promise<{ content: Record<string, unknown>; deviceId: string }>;
  /** Decrypts an m.room.encrypted room event. @throws MissingRoomKeyError or DecryptionError */
  decryptRoomEvent(event: RoomEvent): Promise<DecryptedRoomEvent>;
  /** Asks the sender's devices for a missing key, at most once per session per interval. */
  requestRoomKey(error: MissingRoomKeyError): Promise<void>;
  /** The bot's device, created on first call. */
  ensureBotDevice(): Promise<string>;
  /** The device of one of our users (set up and cross-signed on first call); encryptRoomEvent does this itself. */
  ensureUserDevice(userId: string): Promise<string>;
}

export interface EngineParts {
  devices: OwnDevices;
  keys: KeyMaintenance;
  tracker: DeviceTracker;
  settings: RoomSettings;
  members: RoomMembers;
  olmDecryptor: OlmDecryptor;
  roomKeys: RoomKeyImport;
  groupEncryptor: GroupEncryptor;
  newDevices: NewDeviceSharing;
  groupDecryptor: GroupDecryptor;
  keyRequests: KeyRequests;
  withheld: WithheldNotes;
}

/** Routes what the bridge sees and does to the engine's parts. */
export class Engine implements CryptoEngine {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly parts: EngineParts,
  ) {}

  async handleToDevice(events: readonly ToDeviceEvent[]): Promise<void> {
    for (const event of events) {
      if (!this.ctx.isOurUser(event.to_user_id)) continue;
      try {
        await this.handleOneToDevice(event);
      } catch (err) {
        // Bad messages are logged and skipped; anything else (database, network) is the caller's to retry.
        if (!(err instanceof CryptoError)) throw err;
        log.warn("to-device event rejected", { type: event.type, sender: event.sender, to: event.to_user_id, error: describeError(err) });
      }
    }
  }

  private async handleOneToDevice(event: ToDeviceEvent): Promise<void> {
    switch (event.type) {
      case "m.room.encrypted":
        return this.parts.olmDecryptor.decrypt(event, (decrypted) => this.handleDecrypted(decrypted));
      case "m.room_key.withheld":
        this.parts.withheld.note(event.content);
        return;
      case "m.room_key_request":
        log.debug("room key request not answered", { sender: event.sender });
        return;
      default:
        log.debug("to-device event ignored", { type: event.type, sender: event.sender });
    }
  }

  private async handleDecrypted(decrypted: DecryptedToDevice): Promise<void> {
    const { payload } = decrypted;
    switch (payload.type) {
      case "m.room_key":
        return this.parts.roomKeys.importRoomKey(decrypted);
      case "m.forwarded_room_key": {
        const { room_id: roomId, session_id: sessionId } = payload.content;
        if (isString(roomId) && isString(sessionId) && this.parts.keyRequests.takeAnswer(roomId, sessionId, payload.sender)) {
          return this.parts.roomKeys.importForwardedRoomKey(decrypted);
        }
        log.info("forwarded room key we did not ask for ignored", { sender: payload.sender });
        return;
      }
      case "m.room_key.withheld":
        this.parts.withheld.note(payload.content);
        return;
      default:
        log.debug("encrypted to-device event ignored", { type: payload.type, sender: payload.sender });
    }
  }

  async handleDeviceLists(changed: readonly string[], left: readonly string[]): Promise<void> {
    await this.parts.tracker.markChanged(changed);
    await this.parts.tracker.untrack(left);
    await this.parts.newDevices.shareWithChanged(changed);
  }

  async handleKeyCounts(counts: DeviceKeyCounts, unusedFallbackKeyTypes: Record<string, Record<string, string[]>>): Promise<void> {
    const devices = new Map<string, { userId: string; deviceId: string }>();
    for (const map of [counts, unusedFallbackKeyTypes]) {
      for (const [userId, byDevice] of Object.entries(map)) {
        if (!this.ctx.isOurUser(userId)) continue;
        for (const deviceId of Object.keys(byDevice)) devices.set(`${userId}|${deviceId}`, { userId, deviceId });
      }
    }
    for (const key of devices.values()) {
      // Cross-signing keys are listed as if they were devices: only our accounts count.
      const account = await this.ctx.store.accounts.get(key);
      if (!account?.keysUploaded) continue;
      const count = counts[key.userId]?.[key.deviceId];
      if (count) await this.parts.keys.replenish(key, count[SIGNED_CURVE25519] ?? 0);
      const unused = unusedFallbackKeyTypes[key.userId]?.[key.deviceId];
      if (unused) await this.parts.keys.rotateFallbackKey(key, unused);
    }
  }

  async handleMembership(roomId: string, userId: string, membership: string): Promise<void> {
    this.parts.members.update(roomId, userId, membership);
    const leaving = membership === "leave" || membership === "ban";
    if (this.ctx.isOurUser(userId)) {
      // A sender gone from the room has nothing left to share there; it starts afresh if it returns.
      if (leaving) await this.ctx.store.outboundGroupSessions.discardSender(roomId, userId);
      return;
    }
    const room = await this.ctx.store.rooms.get(roomId);
    if (!room?.algorithm) return;
    if (membership === "join" || membership === "invite") {
      await this.parts.tracker.track([userId]);
      if (membership === "join") await this.parts.newDevices.shareWithJoined(roomId, userId);
    } else if (leaving) {
      const discarded = await this.ctx.store.outboundGroupSessions.discardRoom(roomId);
      if (discarded.length) log.debug("room keys discarded after a member left", { room: roomId, sessions: discarded.length });
    }
  }

  async handleHistoryVisibility(roomId: string, visibility: string): Promise<void> {
    const previous = await this.parts.settings.setHistoryVisibility(roomId, visibility);
    // A session lives under one visibility: otherwise a key shared from index 0 under "shared"
    // would open messages sent while history was closed to later members.
    if (previous === null || previous === visibility) return;
    const discarded = await this.ctx.store.outboundGroupSessions.discardRoom(roomId);
    if (discarded.length) log.debug("room keys discarded after a history visibility change", { room: roomId, sessions: discarded.length });
  }

  async setRoomEncryption(roomId: string, content: Record<string, unknown>): Promise<void> {
    await this.parts.settings.setEncryption(roomId, content);
  }

  async isRoomEncrypted(roomId: string): Promise<boolean> {
    return (await this.parts.settings.encryption(roomId)) !== null;
  }

  async encryptRoomEvent(
    senderUserId: string,
    roomId: string,
    type: string,
    content: Record<string, unknown>,
  ): Promise<{ content: Record<string, unknown>; deviceId: string }> {
    // Checked first: a ghost that never speaks in an encrypted room never gets a device.
    await this.parts.settings.requireMegolm(roomId, senderUserId);
    const own = await this.parts.devices.ensure(senderUserId);
    return { content: await this.parts.groupEncryptor.encrypt(own, roomId, type, content as JsonObject), deviceId: own.deviceId };
  }

  decryptRoomEvent(event: RoomEvent): Promise<DecryptedRoomEvent> {
    return this.parts.groupDecryptor.decrypt(event);
  }

  requestRoomKey(error: MissingRoomKeyError): Promise<void> {
    return this.parts.keyRequests.request(error);
  }

  ensureBotDevice(): Promise<string> {
    return this.ensureUserDevice(this.ctx.botUserId);
  }

  async ensureUserDevice(userId: string): Promise<string> {
    if (!this.ctx.isOurUser(userId)) throw new CryptoError(`${userId} is not one of the bridge's users`);
    return (await this.parts.devices.ensure(userId)).deviceId;
  }
}
