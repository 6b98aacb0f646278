const HOUR_MS = 60 * 60 * 1000;

/** Free-form replies are allowed this long after the user's last message. */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** Messenger/Instagram HUMAN_AGENT tag: a person may still answer this long after. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export function windowIsOpen(lastInboundAt: number | undefined, now: number, lengthMs: number): boolean {
  return lastInboundAt !== undefined && now - lastInboundAt <= lengthMs;
}
