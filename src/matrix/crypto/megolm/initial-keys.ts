import { getLogger } from "../../../logging/logger";
import type { OutboundGroupSessionRecord } from "../../../store";
import type { SeedCipher } from "../keys/seed-cipher";

const log = getLogger("crypto.megolm");

// Bound to the room and session: a sealed key copied into another row does not open.
const label = (roomId: string, sessionId: string): string => `${roomId}|${sessionId}|megolm_initial_key`;

/** Seals an outbound session's index-0 session key for the store. */
export function sealInitialKey(seeds: SeedCipher, roomId: string, sessionId: string, sessionKey: string): string {
  return seeds.seal(Buffer.from(sessionKey, "utf8"), label(roomId, sessionId));
}

/** The session's index-0 key, or null when none was kept or it does not open (then only the current index can be shared). */
export function openInitialKey(seeds: SeedCipher, record: OutboundGroupSessionRecord): string | null {
  if (record.initialKey === null) return null;
  try {
    return Buffer.from(seeds.open(record.initialKey, label(record.roomId, record.sessionId))).toString("utf8");
  } catch {
    log.warn("the stored initial key of an outbound session does not open; sharing from the current index", {
      room: record.roomId,
      session: record.sessionId,
    });
    return null;
  }
}
