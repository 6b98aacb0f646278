import { LessThanOrEqual } from "typeorm";
import { InboxEntity } from "../entities/inbox.entity";
import type { InboxItem, InboxSource, NewInboxItem } from "../records";
import type { StoreExecutor } from "../store-executor";
import { retryOnUniqueViolation } from "../unique-violation";
import { insertInboxItems, toInboxItem } from "./inbox-rows";

/**
 * The durable work queue: what arrives is stored here before it is acknowledged, then processed
 * from here. A processed item is deleted; one that keeps failing is kept as 'failed' for inspection.
 */
export class InboxRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Adds pending items, skipping those whose dedupe key this source already has. Returns the new ids. */
  enqueue(source: InboxSource, items: readonly NewInboxItem[]): Promise<number[]> {
    return retryOnUniqueViolation(() =>
      this.executor.transaction((manager) => insertInboxItems(manager, source, items, this.clock())),
    );
  }

  get(id: number): Promise<InboxItem | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(InboxEntity, { id });
      return row ? toInboxItem(row) : null;
    });
  }

  /** Pending items due at `now`, oldest first. */
  listDue(now: number, limit: number): Promise<InboxItem[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(InboxEntity, {
        where: { state: "pending", nextAttemptAt: LessThanOrEqual(now) },
        order: { id: "ASC" },
        take: limit,
      });
      return rows.map(toInboxItem);
    });
  }

  /** The item was processed: nothing of it is kept. */
  complete(id: number): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.delete(InboxEntity, { id });
    });
  }

  /** The attempt failed; try again at `nextAttemptAt`. */
  retryLater(id: number, error: string, nextAttemptAt: number): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(InboxEntity)
        .set({ attempts: () => "attempts + 1", lastError: error, nextAttemptAt })
        .where("id = :id", { id })
        .execute();
    });
  }

  /** The attempt failed for good: the item stays, as 'failed', for inspection. Counts as an attempt. */
  markFailed(id: number, error: string): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(InboxEntity)
        .set({ attempts: () => "attempts + 1", lastError: error, state: "failed" })
        .where("id = :id", { id })
        .execute();
    });
  }

  countPending(): Promise<number> {
    return this.executor.run((manager) => manager.countBy(InboxEntity, { state: "pending" }));
  }
}
