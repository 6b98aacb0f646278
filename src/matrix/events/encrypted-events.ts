import { describeError, getLogger } from "../../logging/logger";
import { RetryLater } from "../../core/queue/inbox-worker";
import type { RoomEvent } from "../appservice/transaction-body";

const log = getLogger("decryption");

/** What the event handler needs of the E2EE engine. */
export interface RoomDecryptor {
  decryptRoomEvent(event: RoomEvent): Promise<{ type: string; content: Record<string, unknown> }>;
  /** true when decryption failed only because the room key has not arrived (yet) */
  isMissingKey(error: unknown): boolean;
  requestRoomKey(error: unknown): Promise<void>;
}

/** Thrown to have the inbox try an event again later: its room key may still arrive. */
export class WaitingForRoomKey extends RetryLater {
  constructor(eventId: string, attempts: number) {
    super(`waiting for the room key of ${eventId}`, Math.min(500 * 2 ** attempts, 5000));
    this.name = "WaitingForRoomKey";
  }
}

export type Decrypted = { event: RoomEvent } | { failed: string };

/**
 * Decrypts users' encrypted events. A message whose key is missing waits (the inbox retries it),
 * asks the sender's devices for the key once, and after `keyWaitMs` is given up with a reason the
 * caller tells the user.
 */
export class EncryptedEvents {
  private readonly requested = new Set<string>();

  constructor(
    private readonly decryptor: RoomDecryptor,
    private readonly keyWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `attempts`: how often this event was tried before (to space the retries). */
  async decrypt(event: RoomEvent, receivedAt: number, attempts = 0): Promise<Decrypted> {
    try {
      const clear = await this.decryptor.decryptRoomEvent(event);
      this.requested.delete(event.event_id);
      return { event: { ...event, type: clear.type, content: clear.content } };
    } catch (err) {
      if (!this.decryptor.isMissingKey(err)) {
        log.warn("an encrypted event could not be decrypted", { roomId: event.room_id, eventId: event.event_id, error: describeError(err) });
        return { failed: "it could not be decrypted (" + describeError(err) + ")" };
      }
      if (this.now() - receivedAt >= this.keyWaitMs) {
        this.requested.delete(event.event_id);
        log.warn("gave up waiting for a room key", { roomId: event.room_id, eventId: event.event_id });
        return { failed: "its encryption key never reached the bridge (your client did not share it)" };
      }
      if (!this.requested.has(event.event_id)) {
        this.requested.add(event.event_id);
        await this.decryptor.requestRoomKey(err).catch((e) => log.warn("could not request a room key", { error: describeError(e) }));
      }
      throw new WaitingForRoomKey(event.event_id, attempts);
    }
  }
}
