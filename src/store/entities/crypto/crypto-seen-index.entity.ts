import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "../epoch-millis";

export interface CryptoSeenIndexRow {
  sessionId: string;
  messageIndex: number;
  eventId: string;
  seenAt: number;
}

/** Which event used a Megolm message index: the same index in another event is a replay. */
export const CryptoSeenIndexEntity = new EntitySchema<CryptoSeenIndexRow>({
  name: "CryptoSeenIndex",
  tableName: "crypto_seen_megolm_indexes",
  columns: {
    sessionId: { name: "session_id", type: "varchar", length: 64, primary: true },
    messageIndex: { name: "message_index", type: "integer", primary: true },
    eventId: { name: "event_id", type: "varchar", length: 255 },
    seenAt: { name: "seen_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
