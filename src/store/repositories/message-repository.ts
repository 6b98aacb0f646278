import { IsNull, LessThanOrEqual, Not } from "typeorm";
import type { MessageRow } from "../entities/message.entity";
import { MessageEntity } from "../entities/message.entity";
import type { MessageKey, MessageRecord } from "../records";
import type { StoreExecutor } from "../store-executor";
import { translateConflict } from "./translate-conflict";

/** The message map: which Matrix event carries which part of a remote message. */
export class MessageRepository {
  constructor(private readonly executor: StoreExecutor) {}

  get(key: MessageKey): Promise<MessageRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(MessageEntity, keyWhere(key));
      return row ? messageFields(row) : null;
    });
  }

  /** Every part of a remote message, in part order. */
  listParts(network: string, remoteId: string): Promise<MessageRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(MessageEntity, { where: { network, remoteId }, order: { partId: "ASC" } });
      return rows.map(messageFields);
    });
  }

  /**
   * The newest message of a chat at or before a time: sent from Matrix (`outbound`, no remote
   * sender) or by the person.
   */
  latestInChat(chat: { network: string; chatId: string; receiver: string }, options: { outbound: boolean; atOrBefore?: number }): Promise<MessageRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOne(MessageEntity, {
        where: {
          network: chat.network,
          chatId: chat.chatId,
          receiver: chat.receiver,
          senderId: options.outbound ? IsNull() : Not(IsNull()),
          ...(options.atOrBefore !== undefined ? { timestamp: LessThanOrEqual(options.atOrBefore) } : {}),
        },
        order: { timestamp: "DESC" },
      });
      return row ? messageFields(row) : null;
    });
  }

  /** The message an event maps to: on the given network, or the first one (the original, for a relayed event). */
  getByEventId(eventId: string, network?: string): Promise<MessageRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOne(MessageEntity, {
        where: network ? { eventId, network } : { eventId },
        order: { timestamp: "ASC", network: "ASC" },
      });
      return row ? messageFields(row) : null;
    });
  }

  /** Every network's message an event maps to (one, or more when it was relayed across networks). */
  listByEventId(eventId: string): Promise<MessageRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(MessageEntity, { where: { eventId }, order: { timestamp: "ASC", network: "ASC" } });
      return rows.map(messageFields);
    });
  }

  /** @throws StoreConflictError when the message part or the event id is already mapped. */
  insert(message: MessageRecord): Promise<void> {
    const work = this.executor.run(async (manager) => {
      await manager.createQueryBuilder().insert().into(MessageEntity).values(messageFields(message)).updateEntity(false).execute();
    });
    return translateConflict(
      work,
      () => `message ${message.network}/${message.remoteId} part "${message.partId}" or event ${message.eventId} is already mapped`,
    );
  }

  /** Returns whether a mapping was deleted. */
  delete(key: MessageKey): Promise<boolean> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(MessageEntity, keyWhere(key));
      return (result.affected ?? 0) > 0;
    });
  }
}

function keyWhere(key: MessageKey): MessageKey {
  return { network: key.network, remoteId: key.remoteId, partId: key.partId };
}

/**
 * Rows and records have the same fields (the types make sure of it both ways); copied, so that
 * nothing else passes either way.
 */
function messageFields(row: MessageRow): MessageRecord {
  return {
    network: row.network,
    remoteId: row.remoteId,
    partId: row.partId,
    chatId: row.chatId,
    receiver: row.receiver,
    roomId: row.roomId,
    eventId: row.eventId,
    senderId: row.senderId,
    timestamp: row.timestamp,
  };
}
