import type { EntityManager } from "typeorm";
import type { InboxRow } from "../entities/inbox.entity";
import { InboxEntity } from "../entities/inbox.entity";
import type { InboxItem, InboxSource, NewInboxItem } from "../records";

/**
 * Inserts new pending items, skipping those whose dedupe key the source already has in the inbox
 * (or earlier in the same list). Returns the ids inserted, in order. Runs inside the caller's
 * transaction; a concurrent writer of the same dedupe key makes it fail with a unique violation.
 */
export async function insertInboxItems(
  manager: EntityManager,
  source: InboxSource,
  items: readonly NewInboxItem[],
  now: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (const item of items) {
    const dedupeKey = item.dedupeKey ?? null;
    if (dedupeKey !== null && (await manager.existsBy(InboxEntity, { source, dedupeKey }))) continue;
    const row: Omit<InboxRow, "id"> = {
      source,
      kind: item.kind,
      queueKey: item.queueKey,
      dedupeKey,
      payload: serialisePayload(item.payload),
      attempts: 0,
      lastError: null,
      state: "pending",
      receivedAt: now,
      nextAttemptAt: now,
    };
    const result = await manager.createQueryBuilder().insert().into(InboxEntity).values(row).execute();
    ids.push(Number(result.identifiers[0]?.id));
  }
  return ids;
}

function serialisePayload(payload: unknown): string {
  // JSON.stringify(undefined) is undefined, not a string.
  return JSON.stringify(payload ?? null);
}

export function toInboxItem(row: InboxRow): InboxItem {
  return {
    id: row.id,
    source: row.source,
    kind: row.kind,
    queueKey: row.queueKey,
    dedupeKey: row.dedupeKey,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    lastError: row.lastError,
    state: row.state,
    receivedAt: row.receivedAt,
    nextAttemptAt: row.nextAttemptAt,
  };
}
