import { In } from "typeorm";
import type { TrackedUserRecord } from "../../crypto-records";
import { CryptoDeviceEntity } from "../../entities/crypto/crypto-device.entity";
import { CryptoTrackedUserEntity } from "../../entities/crypto/crypto-tracked-user.entity";
import type { StoreExecutor } from "../../store-executor";
import { chunks } from "./chunks";

/** Users whose device lists we follow. */
export class TrackedUserRepository {
  constructor(private readonly executor: StoreExecutor) {}

  list(userIds: readonly string[]): Promise<TrackedUserRecord[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.executor.run(async (manager) => {
      const found: TrackedUserRecord[] = [];
      for (const part of chunks([...new Set(userIds)])) found.push(...(await manager.findBy(CryptoTrackedUserEntity, { userId: In(part) })));
      return found;
    });
  }

  /** Starts tracking users not tracked yet (their device lists are then outdated); others are left as they are. */
  track(userIds: readonly string[], now: number): Promise<void> {
    if (!userIds.length) return Promise.resolve();
    return this.executor.run(async (manager) => {
      for (const part of chunks([...new Set(userIds)], 100)) {
        const rows = part.map((userId) => ({ userId, outdated: true, updatedAt: now }));
        await manager.createQueryBuilder().insert().into(CryptoTrackedUserEntity).values(rows).orIgnore().updateEntity(false).execute();
      }
    });
  }

  /** Marks tracked users' device lists as outdated; untracked users stay untracked. */
  markOutdated(userIds: readonly string[], now: number): Promise<void> {
    if (!userIds.length) return Promise.resolve();
    return this.executor.run(async (manager) => {
      for (const part of chunks([...new Set(userIds)])) {
        await manager.update(CryptoTrackedUserEntity, { userId: In(part) }, { outdated: true, updatedAt: now });
      }
    });
  }

  markUpToDate(userId: string, now: number): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.update(CryptoTrackedUserEntity, { userId }, { outdated: false, updatedAt: now });
    });
  }

  /** Stops tracking users and forgets their devices. */
  untrack(userIds: readonly string[]): Promise<void> {
    if (!userIds.length) return Promise.resolve();
    return this.executor.transaction(async (manager) => {
      for (const part of chunks([...new Set(userIds)])) {
        await manager.delete(CryptoDeviceEntity, { userId: In(part) });
        await manager.delete(CryptoTrackedUserEntity, { userId: In(part) });
      }
    });
  }
}
