import { getLogger } from "../../../logging/logger";
import type { CryptoAccountChanges, CryptoAccountKey, CryptoAccountRecord } from "../../../store";
import { type CryptoContext, deviceLock } from "../context";
import { type OlmAccount, using } from "../olm";
import type { DeviceKeysJson } from "../types";
import { fallbackKeyNeedsRotation, oneTimeKeysToGenerate, unpublishedKeysBody, uploadKeys } from "./one-time-keys";

const log = getLogger("crypto.keys");

/**
 * Keeps our devices' keys on the homeserver: device keys once, one-time keys topped up from the
 * counts in transactions, the fallback key replaced once used.
 */
export class KeyMaintenance {
  /** libolm's capacity, the same for every account: learnt from the first one loaded. */
  private maxOneTimeKeys: number | undefined;

  constructor(private readonly ctx: CryptoContext) {}

  /** The first upload of a new device. The caller holds deviceLock(record.userId). */
  async uploadInitialKeys(record: CryptoAccountRecord, deviceKeys: DeviceKeysJson): Promise<void> {
    await using(this.ctx.olm.unpickleAccount(this.ctx.pickleKey, record.pickle), (account) =>
      this.publish(record, account, deviceKeys, () => {
        account.generateOneTimeKeys(oneTimeKeysToGenerate(0, account.maxOneTimeKeys()));
        account.generateFallbackKey();
        return { keysUploaded: true, fallbackRotatedAt: this.ctx.now() };
      }),
    );
  }

  /** Tops up one-time keys when the homeserver reports fewer than the target. */
  async replenish(key: CryptoAccountKey, reportedCount: number): Promise<void> {
    await this.ctx.locks.run(deviceLock(key.userId), async () => {
      const record = await this.ctx.store.accounts.get(key);
      if (!record?.keysUploaded) return;
      if (this.maxOneTimeKeys !== undefined && oneTimeKeysToGenerate(reportedCount, this.maxOneTimeKeys) === 0) {
        if (reportedCount !== record.serverOtkCount) await this.ctx.store.accounts.update(key, { serverOtkCount: reportedCount });
        return;
      }
      await using(this.ctx.olm.unpickleAccount(this.ctx.pickleKey, record.pickle), async (account) => {
        const max = (this.maxOneTimeKeys = account.maxOneTimeKeys());
        if (oneTimeKeysToGenerate(reportedCount, max) === 0) {
          if (reportedCount !== record.serverOtkCount) await this.ctx.store.accounts.update(key, { serverOtkCount: reportedCount });
          return;
        }
        // Counts in transactions can be stale (a retried transaction carries the count of its first
        // try): ask for the current one before adding keys.
        const current = await uploadKeys(this.ctx, key.userId, key.deviceId, {});
        const missing = oneTimeKeysToGenerate(current, max);
        if (missing === 0) {
          await this.ctx.store.accounts.update(key, { serverOtkCount: current, updatedAt: this.ctx.now() });
          return;
        }
        log.debug("uploading one-time keys", { user: key.userId, device: key.deviceId, count: missing });
        await this.publish(record, account, undefined, () => {
          account.generateOneTimeKeys(missing);
          return {};
        });
      });
    });
  }

  /** Replaces the fallback key once the homeserver says it was used (no longer unused). */
  async rotateFallbackKey(key: CryptoAccountKey, unusedTypes: readonly string[]): Promise<void> {
    await this.ctx.locks.run(deviceLock(key.userId), async () => {
      const record = await this.ctx.store.accounts.get(key);
      if (!record?.keysUploaded || !fallbackKeyNeedsRotation(unusedTypes, record.fallbackRotatedAt, this.ctx.now())) return;
      log.debug("replacing the fallback key", { user: key.userId, device: key.deviceId });
      await using(this.ctx.olm.unpickleAccount(this.ctx.pickleKey, record.pickle), (account) =>
        this.publish(record, account, undefined, () => {
          account.generateFallbackKey();
          return { fallbackRotatedAt: this.ctx.now() };
        }),
      );
    });
  }

  /**
   * Generates keys, saves the account before uploading (a crash then re-uploads the same keys
   * rather than leaving the homeserver with keys we no longer hold), uploads, marks them published.
   */
  private async publish(
    record: CryptoAccountRecord,
    account: OlmAccount,
    deviceKeys: DeviceKeysJson | undefined,
    generate: () => CryptoAccountChanges,
  ): Promise<void> {
    const key = { userId: record.userId, deviceId: record.deviceId };
    const changes = generate();
    await this.ctx.store.accounts.update(key, { pickle: account.pickle(this.ctx.pickleKey), updatedAt: this.ctx.now() });
    const body = { ...(deviceKeys ? { device_keys: deviceKeys } : {}), ...unpublishedKeysBody(account, record.userId, record.deviceId) };
    const serverOtkCount = await uploadKeys(this.ctx, record.userId, record.deviceId, body);
    account.markKeysAsPublished();
    await this.ctx.store.accounts.update(key, {
      ...changes,
      pickle: account.pickle(this.ctx.pickleKey),
      serverOtkCount,
      updatedAt: this.ctx.now(),
    });
  }
}
