import { getLogger } from "../../../logging/logger";
import type { DeviceKeysRecord, JsonObject } from "../../../store";
import type { CryptoContext } from "../context";
import { isObject } from "../types";
import { checkDeviceKeys } from "./verify-device-keys";

const log = getLogger("crypto.device-lists");
const KEY_QUERY_TIMEOUT_MS = 10_000;
const USERS_PER_QUERY = 250;

interface KeysQueryResponse {
  device_keys?: Record<string, Record<string, unknown>>;
  failures?: Record<string, unknown>;
}

/**
 * Other users' device lists: fetched with /keys/query when first needed and again after
 * device_lists.changed names the user; only devices whose keys verify are kept.
 */
export class DeviceTracker {
  /** Bumped by every change notice, so a query that raced a change does not mark the user up to date. */
  private readonly generations = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly ctx: CryptoContext) {}

  async track(userIds: readonly string[]): Promise<void> {
    await this.ctx.store.trackedUsers.track(this.others(userIds), this.ctx.now());
  }

  async markChanged(userIds: readonly string[]): Promise<void> {
    const others = this.others(userIds);
    for (const userId of others) this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
    await this.ctx.store.trackedUsers.markOutdated(others, this.ctx.now());
  }

  async untrack(userIds: readonly string[]): Promise<void> {
    await this.ctx.store.trackedUsers.untrack(this.others(userIds));
  }

  /** The users' current verified devices (tracking them from now on). */
  async devicesOf(userIds: readonly string[]): Promise<DeviceKeysRecord[]> {
    const others = this.others(userIds);
    if (!others.length) return [];
    await this.track(others);
    const outdated = (await this.ctx.store.trackedUsers.list(others)).filter((user) => user.outdated).map((user) => user.userId);
    if (outdated.length) await this.refresh(outdated);
    return this.ctx.store.devices.listForUsers(others);
  }

  /** The device of `userId` with that curve25519 key; fetches the user's devices once more if it is unknown. */
  async findByCurveKey(userId: string, curve25519Key: string): Promise<DeviceKeysRecord | null> {
    await this.devicesOf([userId]);
    const known = await this.ctx.store.devices.findByCurveKey(userId, curve25519Key);
    if (known) return known;
    await this.refresh([userId]);
    return this.ctx.store.devices.findByCurveKey(userId, curve25519Key);
  }

  /** Fetches the users' device lists now (joining a fetch already under way for a user). */
  async refresh(userIds: readonly string[]): Promise<void> {
    const waiting: Promise<void>[] = [];
    const toFetch = [...new Set(userIds)].filter((userId) => {
      const running = this.inFlight.get(userId);
      if (running) waiting.push(running);
      return !running;
    });
    for (let i = 0; i < toFetch.length; i += USERS_PER_QUERY) {
      const batch = toFetch.slice(i, i + USERS_PER_QUERY);
      const query = this.query(batch);
      const settled = query.finally(() => batch.forEach((userId) => this.inFlight.delete(userId)));
      for (const userId of batch) this.inFlight.set(userId, settled);
      waiting.push(settled);
    }
    await Promise.all(waiting);
  }

  private async query(userIds: string[]): Promise<void> {
    const generations = new Map(userIds.map((userId) => [userId, this.generations.get(userId) ?? 0]));
    const response = await this.ctx.client.request<KeysQueryResponse>("POST", "/_matrix/client/v3/keys/query", {
      userId: this.ctx.botUserId,
      body: { device_keys: Object.fromEntries(userIds.map((userId) => [userId, []])), timeout: KEY_QUERY_TIMEOUT_MS },
    });
    const failed = new Set(Object.keys(response.failures ?? {}));
    for (const userId of userIds) {
      const listed = response.device_keys?.[userId];
      if (!isObject(listed)) {
        if (failed.size) log.warn("device list query failed", { user: userId });
        continue;
      }
      await this.store(userId, listed);
      if ((this.generations.get(userId) ?? 0) === generations.get(userId)) {
        await this.ctx.store.trackedUsers.markUpToDate(userId, this.ctx.now());
      }
    }
  }

  private async store(userId: string, listed: Record<string, unknown>): Promise<void> {
    const previous = new Map((await this.ctx.store.devices.listForUsers([userId])).map((device) => [device.deviceId, device]));
    const now = this.ctx.now();
    const devices: DeviceKeysRecord[] = [];
    for (const [deviceId, json] of Object.entries(listed)) {
      const check = checkDeviceKeys(json, userId, deviceId, (key, message, signature) => this.ctx.olm.verifyEd25519(key, message, signature));
      if (!check.ok) {
        log.warn("ignoring device with invalid keys", { user: userId, device: deviceId, reason: check.reason });
        continue;
      }
      const known = previous.get(deviceId);
      if (known && known.ed25519Key !== check.ed25519Key) {
        // A device id never changes its signing key; a new key under an old id is an impostor.
        log.warn("device changed its ed25519 key; keeping the old one", { user: userId, device: deviceId });
        devices.push(known);
        continue;
      }
      devices.push({
        userId,
        deviceId,
        curve25519Key: check.curve25519Key,
        ed25519Key: check.ed25519Key,
        keys: check.keys as JsonObject,
        updatedAt: now,
      });
    }
    await this.ctx.store.devices.replaceForUser(userId, devices);
  }

  private others(userIds: readonly string[]): string[] {
    return [...new Set(userIds)].filter((userId) => !this.ctx.isOurUser(userId));
  }
}
