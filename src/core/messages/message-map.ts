import type { MessageKey, MessageRecord } from "../../store/records";

/** The store's message map, as the core uses it: one Matrix event ↔ one message part per network. */
export interface MessageMapPort {
  get(key: MessageKey): Promise<MessageRecord | null>;
  /** the message an event maps to on one network (or the first it reached, without a network) */
  getByEventId(eventId: string, network?: string): Promise<MessageRecord | null>;
  /** every network's message an event maps to */
  listByEventId(eventId: string): Promise<MessageRecord[]>;
  insert(message: MessageRecord): Promise<void>;
}

/** The part id of the n-th message a long text was split into ("" for the first). */
export function partId(index: number): string {
  return index === 0 ? "" : String(index);
}
