import type { InboundGroupSessionRecord } from "../../crypto-records";
import type { CryptoInboundGroupSessionRow } from "../../entities/crypto/crypto-inbound-group-session.entity";
import { CryptoInboundGroupSessionEntity } from "../../entities/crypto/crypto-inbound-group-session.entity";
import type { StoreExecutor } from "../../store-executor";

/** Megolm sessions we can decrypt with. */
export class InboundGroupSessionRepository {
  constructor(private readonly executor: StoreExecutor) {}

  /** Without `senderKey` (deprecated in newer event formats), the first session with that id in the room. */
  get(roomId: string, sessionId: string, senderKey?: string): Promise<InboundGroupSessionRecord | null> {
    return this.executor.run(async (manager) => {
      const where = senderKey === undefined ? { roomId, sessionId } : { roomId, sessionId, senderKey };
      const row = await manager.findOneBy(CryptoInboundGroupSessionEntity, where);
      return row ? toRecord(row) : null;
    });
  }

  save(record: InboundGroupSessionRecord): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.upsert(CryptoInboundGroupSessionEntity, toRow(record), ["roomId", "sessionId", "senderKey"]);
    });
  }
}

function toRecord(row: CryptoInboundGroupSessionRow): InboundGroupSessionRecord {
  const { forwardingChain, ...rest } = row;
  return { ...rest, forwardingChain: JSON.parse(forwardingChain) as string[] };
}

function toRow(record: InboundGroupSessionRecord): CryptoInboundGroupSessionRow {
  const { forwardingChain, ...rest } = record;
  return { ...rest, forwardingChain: JSON.stringify(forwardingChain) };
}
