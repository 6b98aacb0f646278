import { setTimeout as sleep } from "node:timers/promises";
import { describeError, getLogger } from "../logging/logger";

const log = getLogger("switchboard");

/** Retries with capped exponential backoff until it works or the signal aborts. */
export async function retryForever(what: string, attempt: () => Promise<void>, signal: AbortSignal, maxDelayMs = 30_000): Promise<void> {
  for (let delay = 500; !signal.aborted; delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      await attempt();
      return;
    } catch (err) {
      log.warn(`could not ${what}; retrying`, { retryInMs: delay, error: describeError(err) });
      await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }
}
