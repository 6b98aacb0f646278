import { LessThan } from "typeorm";
import { CryptoSeenIndexEntity } from "../../entities/crypto/crypto-seen-index.entity";
import type { StoreExecutor } from "../../store-executor";
import { retryOnUniqueViolation } from "../../unique-violation";

/** Megolm message indexes already decrypted, for replay protection. */
export class SeenIndexRepository {
  constructor(private readonly executor: StoreExecutor) {}

  /**
   * Records that `eventId` used this (session, index), unless some event already did; returns the
   * event that holds it (`eventId` itself, or the earlier one: then `eventId` is a replay).
   */
  claim(sessionId: string, messageIndex: number, eventId: string, now: number): Promise<string> {
    return retryOnUniqueViolation(() =>
      this.executor.transaction(async (manager) => {
        const existing = await manager.findOneBy(CryptoSeenIndexEntity, { sessionId, messageIndex });
        if (existing) return existing.eventId;
        await manager
          .createQueryBuilder()
          .insert()
          .into(CryptoSeenIndexEntity)
          .values({ sessionId, messageIndex, eventId, seenAt: now })
          .updateEntity(false)
          .execute();
        return eventId;
      }),
    );
  }

  /**
   * Forgets indexes seen before `time`; returns how many. A replay of a message older than that is
   * then no longer recognised, so keep it longer than the bridge would still act on an old event.
   */
  forgetBefore(time: number): Promise<number> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(CryptoSeenIndexEntity, { seenAt: LessThan(time) });
      return result.affected ?? 0;
    });
  }
}
