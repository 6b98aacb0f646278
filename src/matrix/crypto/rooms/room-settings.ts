import { enc, MatrixApiError } from "../../homeserver-client";
import type { RoomEncryptionRecord } from "../../../store";
import { DEFAULT_ROTATION_PERIOD_MS, DEFAULT_ROTATION_PERIOD_MSGS, MEGOLM_ALGORITHM } from "../algorithms";
import type { CryptoContext } from "../context";
import { CryptoError } from "../errors";
import type { JsonObject } from "../keys/signing";
import { isString } from "../types";

/** Largest settings honoured: a room cannot make one key cover years or millions of messages. */
const MAX_ROTATION_PERIOD_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_ROTATION_PERIOD_MSGS = 10_000;

/** The room's rotation settings from m.room.encryption content; missing or invalid values take the defaults. */
export function encryptionSettings(content: JsonObject): { algorithm: string | null; rotationPeriodMs: number; rotationPeriodMsgs: number } {
  const positive = (value: unknown, fallback: number, max: number) =>
    typeof value === "number" && Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
  return {
    algorithm: isString(content.algorithm) ? content.algorithm : null,
    rotationPeriodMs: positive(content.rotation_period_ms, DEFAULT_ROTATION_PERIOD_MS, MAX_ROTATION_PERIOD_MS),
    rotationPeriodMsgs: positive(content.rotation_period_msgs, DEFAULT_ROTATION_PERIOD_MSGS, MAX_ROTATION_PERIOD_MSGS),
  };
}

const statePath = (roomId: string, type: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/state/${enc(type)}/`;

/** Rooms' encryption settings and history visibility, from state events or asked from the homeserver once. */
export class RoomSettings {
  constructor(private readonly ctx: CryptoContext) {}

  async setEncryption(roomId: string, content: JsonObject): Promise<RoomEncryptionRecord> {
    const previous = await this.ctx.store.rooms.get(roomId);
    const settings = encryptionSettings(content);
    // Encryption cannot be switched off again: a later event without an algorithm changes nothing.
    const algorithm = settings.algorithm ?? previous?.algorithm ?? null;
    const record: RoomEncryptionRecord = {
      roomId,
      ...settings,
      algorithm,
      historyVisibility: previous?.historyVisibility ?? null,
      updatedAt: this.ctx.now(),
    };
    await this.ctx.store.rooms.save(record);
    return record;
  }

  /** The room's encryption settings, or null when it is not encrypted (asked as `asUserId` when unknown). */
  async encryption(roomId: string, asUserId = this.ctx.botUserId): Promise<RoomEncryptionRecord | null> {
    const known = (await this.ctx.store.rooms.get(roomId)) ?? (await this.fetchEncryption(roomId, asUserId));
    return known.algorithm === null ? null : known;
  }

  /** The settings of a room `senderUserId` sends Megolm into. @throws CryptoError when the room is not encrypted with Megolm */
  async requireMegolm(roomId: string, senderUserId: string): Promise<RoomEncryptionRecord> {
    const settings = await this.encryption(roomId, senderUserId);
    if (!settings) throw new CryptoError(`room ${roomId} is not encrypted`);
    if (settings.algorithm !== MEGOLM_ALGORITHM) throw new CryptoError(`room ${roomId} uses unsupported algorithm ${settings.algorithm}`);
    return settings;
  }

  /** Records the room's history visibility; returns the one known before (null when none was). */
  async setHistoryVisibility(roomId: string, visibility: string): Promise<string | null> {
    const known = (await this.ctx.store.rooms.get(roomId)) ?? (await this.fetchEncryption(roomId, this.ctx.botUserId));
    await this.ctx.store.rooms.save({ ...known, historyVisibility: visibility, updatedAt: this.ctx.now() });
    return known.historyVisibility;
  }

  /** m.room.history_visibility of the room ("shared" when it has none), asked as `asUserId` when unknown. */
  async historyVisibility(roomId: string, asUserId: string): Promise<string> {
    const known = await this.ctx.store.rooms.get(roomId);
    if (known?.historyVisibility) return known.historyVisibility;
    const content = await this.stateContent(roomId, "m.room.history_visibility", asUserId);
    const visibility = content && isString(content.history_visibility) ? content.history_visibility : "shared";
    await this.setHistoryVisibility(roomId, visibility);
    return visibility;
  }

  private async fetchEncryption(roomId: string, asUserId: string): Promise<RoomEncryptionRecord> {
    const content = await this.stateContent(roomId, "m.room.encryption", asUserId);
    if (content) return this.setEncryption(roomId, content);
    const record: RoomEncryptionRecord = {
      roomId,
      algorithm: null,
      rotationPeriodMs: DEFAULT_ROTATION_PERIOD_MS,
      rotationPeriodMsgs: DEFAULT_ROTATION_PERIOD_MSGS,
      historyVisibility: null,
      updatedAt: this.ctx.now(),
    };
    await this.ctx.store.rooms.save(record);
    return record;
  }

  /** A state event's content, null when the room has none. Other failures throw: guessing "unencrypted" would leak. */
  private async stateContent(roomId: string, type: string, asUserId: string): Promise<JsonObject | null> {
    try {
      return await this.ctx.client.request<JsonObject>("GET", statePath(roomId, type), { userId: asUserId });
    } catch (err) {
      if (err instanceof MatrixApiError && err.status === 404 && err.errcode === "M_NOT_FOUND") return null;
      throw new CryptoError(`cannot read ${type} of ${roomId}`, { cause: err });
    }
  }
}
