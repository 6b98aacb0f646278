import type { MessageKey, MessageRecord } from "../../store/records";

/** The store's message map, as the core uses it: one Matrix event ↔ one message part per network. */
export interface MessageMapPort {
  get(key: MessageKey): Promise<MessageRecord | null>;
  getByEventId(eventId: string): Promise<MessageRecord | null>;
  insert(message: MessageRecord): Promise<void>;
}

/** The part id of the n-th message a long text was split into ("" for the first). */
export function partId(index: number): string {
  return index === 0 ? "" : String(index);
}
