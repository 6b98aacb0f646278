import { LessThan } from "typeorm";
import { ProcessedTransactionEntity } from "../entities/processed-transaction.entity";
import type { InboxSource, NewInboxItem } from "../records";
import type { StoreExecutor } from "../store-executor";
import { retryOnUniqueViolation } from "../unique-violation";
import { insertInboxItems } from "./inbox-rows";

export type AcceptResult = "accepted" | "duplicate";

/**
 * Accepts a delivery (an appservice transaction, a webhook) exactly once: its id is recorded and
 * its items queued in one database transaction, so a redelivery after a crash or a concurrent
 * retry is recognised and adds nothing.
 */
export class TransactionInbox {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  accept(source: InboxSource, txnId: string, items: readonly NewInboxItem[]): Promise<AcceptResult> {
    // A concurrent accept of the same txnId fails on the primary key and rolls back; the retry
    // then finds the winner's committed row and answers "duplicate".
    return retryOnUniqueViolation(() =>
      this.executor.transaction(async (manager): Promise<AcceptResult> => {
        if (await manager.existsBy(ProcessedTransactionEntity, { source, txnId })) return "duplicate";
        const now = this.clock();
        await manager
          .createQueryBuilder()
          .insert()
          .into(ProcessedTransactionEntity)
          .values({ source, txnId, receivedAt: now })
          .updateEntity(false)
          .execute();
        await insertInboxItems(manager, source, items, now);
        return "accepted";
      }),
    );
  }

  /** Forgets transaction ids received before `time`; returns how many. */
  forgetBefore(time: number): Promise<number> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(ProcessedTransactionEntity, { receivedAt: LessThan(time) });
      return result.affected ?? 0;
    });
  }
}
