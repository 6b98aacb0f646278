import { isPlainObject } from "../../config/schema-dsl";
import type { EphemeralEvent } from "../appservice/transaction-body";

/** Read receipts (m.read and m.read.private) in a batch of ephemeral events. */
export function readReceipts(events: EphemeralEvent[]): { roomId: string; userId: string; eventId: string }[] {
  const out: { roomId: string; userId: string; eventId: string }[] = [];
  for (const event of events) {
    if (event.type !== "m.receipt" || !event.room_id) continue;
    for (const [eventId, receipts] of Object.entries(event.content)) {
      if (!isPlainObject(receipts)) continue;
      for (const kind of ["m.read", "m.read.private"]) {
        const readers = receipts[kind];
        if (!isPlainObject(readers)) continue;
        for (const userId of Object.keys(readers)) out.push({ roomId: event.room_id, userId, eventId });
      }
    }
  }
  return out;
}

/** The full list of typing users per room in a batch (m.typing). */
export function typingUsers(events: EphemeralEvent[]): { roomId: string; userIds: string[] }[] {
  return events
    .filter((e) => e.type === "m.typing" && e.room_id && Array.isArray(e.content.user_ids))
    .map((e) => ({ roomId: e.room_id!, userIds: (e.content.user_ids as unknown[]).filter((u): u is string => typeof u === "string") }));
}
