import type { ReactionRow } from "../entities/reaction.entity";
import { ReactionEntity } from "../entities/reaction.entity";
import type { ReactionKey, ReactionRecord } from "../records";
import type { StoreExecutor } from "../store-executor";
import { translateConflict } from "./translate-conflict";

const KEY_COLUMNS = ["network", "message_id", "message_part", "sender_id", "emoji"];
const REPLACED_COLUMNS = ["room_id", "event_id", "timestamp"];

export class ReactionRepository {
  constructor(private readonly executor: StoreExecutor) {}

  get(key: ReactionKey): Promise<ReactionRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(ReactionEntity, keyWhere(key));
      return row ? reactionFields(row) : null;
    });
  }

  /** The reaction an event maps to (on one network, or the first of those it reached). */
  getByEventId(eventId: string, network?: string): Promise<ReactionRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(ReactionEntity, network ? { eventId, network } : { eventId });
      return row ? reactionFields(row) : null;
    });
  }

  /** The reactions one sender put on one message (all parts), oldest first. */
  listBySender(network: string, messageId: string, senderId: string): Promise<ReactionRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(ReactionEntity, { where: { network, messageId, senderId }, order: { timestamp: "ASC" } });
      return rows.map(reactionFields);
    });
  }

  /**
   * Inserts a reaction or moves an existing one to a new event.
   * @throws StoreConflictError when the event id already belongs to another reaction.
   */
  upsert(reaction: ReactionRecord): Promise<void> {
    const work = this.executor.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReactionEntity)
        .values(reactionFields(reaction))
        .orUpdate(REPLACED_COLUMNS, KEY_COLUMNS)
        .updateEntity(false)
        .execute();
    });
    return translateConflict(work, () => `event ${reaction.eventId} is already mapped to another reaction`);
  }

  /** Returns whether a reaction was deleted. */
  delete(key: ReactionKey): Promise<boolean> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(ReactionEntity, keyWhere(key));
      return (result.affected ?? 0) > 0;
    });
  }
}

function keyWhere(key: ReactionKey): ReactionKey {
  return {
    network: key.network,
    messageId: key.messageId,
    messagePart: key.messagePart,
    senderId: key.senderId,
    emoji: key.emoji,
  };
}

/**
 * Rows and records have the same fields (the types make sure of it both ways); copied, so that
 * nothing else passes either way.
 */
function reactionFields(row: ReactionRow): ReactionRecord {
  return { ...keyWhere(row), roomId: row.roomId, eventId: row.eventId, timestamp: row.timestamp };
}
