import { In } from "typeorm";
import type { CryptoAccountKey, OlmSessionRecord } from "../../crypto-records";
import { CryptoAccountEntity } from "../../entities/crypto/crypto-account.entity";
import { CryptoOlmSessionEntity } from "../../entities/crypto/crypto-olm-session.entity";
import type { StoreExecutor } from "../../store-executor";
import { chunks } from "./chunks";

const PRIMARY_KEY = ["userId", "deviceId", "theirKey", "sessionId"];

/** Olm sessions of our devices, by the other device's curve25519 key. */
export class OlmSessionRepository {
  constructor(private readonly executor: StoreExecutor) {}

  /** The sessions of our device with any of `theirKeys`, most recently used first. */
  listFor(own: CryptoAccountKey, theirKeys: readonly string[]): Promise<OlmSessionRecord[]> {
    if (!theirKeys.length) return Promise.resolve([]);
    return this.executor.run(async (manager) => {
      const found: OlmSessionRecord[] = [];
      for (const part of chunks([...new Set(theirKeys)])) {
        found.push(
          ...(await manager.find(CryptoOlmSessionEntity, {
            where: { userId: own.userId, deviceId: own.deviceId, theirKey: In(part) },
            order: { lastUsedAt: "DESC", createdAt: "DESC" },
          })),
        );
      }
      return found.sort((a, b) => b.lastUsedAt - a.lastUsedAt || b.createdAt - a.createdAt);
    });
  }

  save(sessions: readonly OlmSessionRecord[]): Promise<void> {
    if (!sessions.length) return Promise.resolve();
    return this.executor.transaction(async (manager) => {
      for (const part of chunks(sessions, 100)) await manager.upsert(CryptoOlmSessionEntity, part, PRIMARY_KEY);
    });
  }

  /** Saves a session created from a pre-key message together with the account that used up a one-time key. */
  saveWithAccount(session: OlmSessionRecord, accountPickle: string, now: number): Promise<void> {
    return this.executor.transaction(async (manager) => {
      await manager.upsert(CryptoOlmSessionEntity, session, PRIMARY_KEY);
      await manager.update(
        CryptoAccountEntity,
        { userId: session.userId, deviceId: session.deviceId },
        { pickle: accountPickle, updatedAt: now },
      );
    });
  }
}
