import type { MatrixClient } from "matrix-js-sdk";
import { ClientEvent, MatrixEventEvent, RoomEvent, RoomMemberEvent, RoomStateEvent } from "matrix-js-sdk";

// Client events after which a waited-for condition may have become true.
const WAKE_EVENTS = [
  ClientEvent.Sync,
  ClientEvent.Room,
  RoomEvent.Timeline,
  RoomEvent.MyMembership,
  RoomMemberEvent.Membership,
  RoomStateEvent.Events,
  MatrixEventEvent.Decrypted,
] as const;

// Also re-check on a timer, in case a change arrives through an event not listed above.
const POLL_MS = 250;

/**
 * Resolves with the first value `check` returns other than undefined, re-checking after every
 * relevant client event. On timeout, rejects with `describe()` (called then, so it can show state).
 */
export function waitUntil<T>(
  client: MatrixClient,
  check: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      clearInterval(poller);
      for (const event of WAKE_EVENTS) client.off(event, evaluate);
    };
    const evaluate = (): void => {
      let value: T | undefined;
      try {
        value = check();
      } catch (err) {
        cleanup();
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    const poller = setInterval(evaluate, POLL_MS);
    for (const event of WAKE_EVENTS) client.on(event, evaluate);
    evaluate();
  });
}
