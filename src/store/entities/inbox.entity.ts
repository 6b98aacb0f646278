import { EntitySchema } from "typeorm";
import type { InboxState } from "../records";
import { epochMillisTransformer } from "./epoch-millis";

export interface InboxRow {
  id: number;
  source: string;
  kind: string;
  dedupeKey: string | null;
  queueKey: string;
  /** JSON. */
  payload: string;
  attempts: number;
  lastError: string | null;
  state: InboxState;
  receivedAt: number;
  nextAttemptAt: number;
}

export const InboxEntity = new EntitySchema<InboxRow>({
  name: "InboxItem",
  tableName: "inbox",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    source: { type: "varchar", length: 32 },
    kind: { type: "varchar", length: 32 },
    dedupeKey: { name: "dedupe_key", type: "varchar", length: 255, nullable: true },
    queueKey: { name: "queue_key", type: "varchar", length: 255 },
    payload: { type: "text" },
    attempts: { type: "integer", default: 0 },
    lastError: { name: "last_error", type: "text", nullable: true },
    state: { type: "varchar", length: 16 },
    receivedAt: { name: "received_at", type: "bigint", transformer: epochMillisTransformer },
    nextAttemptAt: { name: "next_attempt_at", type: "bigint", transformer: epochMillisTransformer },
  },
  // NULL dedupe keys never collide (both SQLite and PostgreSQL treat NULLs as distinct).
  uniques: [{ name: "UQ_inbox_source_dedupe_key", columns: ["source", "dedupeKey"] }],
  indices: [{ name: "IDX_inbox_due", columns: ["state", "nextAttemptAt"] }],
});
