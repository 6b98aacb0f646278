import { In } from "typeorm";
import type { GroupShareRecord, OutboundGroupSessionRecord } from "../../crypto-records";
import { CryptoGroupShareEntity } from "../../entities/crypto/crypto-group-share.entity";
import { CryptoOutboundGroupSessionEntity } from "../../entities/crypto/crypto-outbound-group-session.entity";
import type { StoreExecutor } from "../../store-executor";
import { chunks } from "./chunks";

export type OutboundSessionKey = { roomId: string; userId: string; deviceId: string };

/** The Megolm sessions our devices send with, one per (room, device), and whom each was shared with. */
export class OutboundGroupSessionRepository {
  constructor(private readonly executor: StoreExecutor) {}

  get(key: OutboundSessionKey): Promise<OutboundGroupSessionRecord | null> {
    return this.executor.run((manager) =>
      manager.findOneBy(CryptoOutboundGroupSessionEntity, { roomId: key.roomId, userId: key.userId, deviceId: key.deviceId }),
    );
  }

  /** Makes `session` the current one for its (room, device), dropping the previous one and its shares. */
  replace(session: OutboundGroupSessionRecord): Promise<void> {
    return this.executor.transaction(async (manager) => {
      const previous = await manager.findOneBy(CryptoOutboundGroupSessionEntity, {
        roomId: session.roomId,
        userId: session.userId,
        deviceId: session.deviceId,
      });
      if (previous) {
        await manager.delete(CryptoGroupShareEntity, { sessionId: previous.sessionId });
        await manager.delete(CryptoOutboundGroupSessionEntity, { sessionId: previous.sessionId });
      }
      await manager.createQueryBuilder().insert().into(CryptoOutboundGroupSessionEntity).values(session).updateEntity(false).execute();
    });
  }

  /** The current sessions in these rooms (every sender's). */
  listForRooms(roomIds: readonly string[]): Promise<OutboundGroupSessionRecord[]> {
    return this.executor.run(async (manager) => {
      const found: OutboundGroupSessionRecord[] = [];
      for (const part of chunks([...new Set(roomIds)])) found.push(...(await manager.findBy(CryptoOutboundGroupSessionEntity, { roomId: In(part) })));
      return found;
    });
  }

  /** The current sessions shared with (or withheld from) a device of any of these users. */
  listSharedWithUsers(userIds: readonly string[]): Promise<OutboundGroupSessionRecord[]> {
    return this.executor.run(async (manager) => {
      const sessionIds = new Set<string>();
      for (const part of chunks([...new Set(userIds)])) {
        const shares = await manager.find(CryptoGroupShareEntity, { select: { sessionId: true }, where: { userId: In(part) } });
        for (const share of shares) sessionIds.add(share.sessionId);
      }
      const found: OutboundGroupSessionRecord[] = [];
      for (const part of chunks([...sessionIds])) found.push(...(await manager.findBy(CryptoOutboundGroupSessionEntity, { sessionId: In(part) })));
      return found;
    });
  }

  /** Records the session's state after encrypting (its ratchet moved on). */
  saveProgress(sessionId: string, pickle: string, messageCount: number): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.update(CryptoOutboundGroupSessionEntity, { sessionId }, { pickle, messageCount });
    });
  }

  /** Drops the room's sessions (every sender's), so that the next message starts a new one; returns their ids. */
  discardRoom(roomId: string): Promise<string[]> {
    return this.discardWhere({ roomId });
  }

  /** Drops one sender's sessions in the room (all its devices'); returns their ids. */
  discardSender(roomId: string, userId: string): Promise<string[]> {
    return this.discardWhere({ roomId, userId });
  }

  private discardWhere(where: { roomId: string; userId?: string }): Promise<string[]> {
    return this.executor.transaction(async (manager) => {
      const sessions = await manager.findBy(CryptoOutboundGroupSessionEntity, where);
      const ids = sessions.map((s) => s.sessionId);
      for (const part of chunks(ids)) {
        await manager.delete(CryptoGroupShareEntity, { sessionId: In(part) });
        await manager.delete(CryptoOutboundGroupSessionEntity, { sessionId: In(part) });
      }
      return ids;
    });
  }

  listShares(sessionId: string): Promise<GroupShareRecord[]> {
    return this.executor.run((manager) => manager.findBy(CryptoGroupShareEntity, { sessionId }));
  }

  getShare(sessionId: string, userId: string, deviceId: string): Promise<GroupShareRecord | null> {
    return this.executor.run((manager) => manager.findOneBy(CryptoGroupShareEntity, { sessionId, userId, deviceId }));
  }

  addShares(shares: readonly GroupShareRecord[]): Promise<void> {
    if (!shares.length) return Promise.resolve();
    return this.executor.transaction(async (manager) => {
      for (const part of chunks(shares, 100)) {
        await manager.upsert(CryptoGroupShareEntity, part, ["sessionId", "userId", "deviceId"]);
      }
    });
  }
}
