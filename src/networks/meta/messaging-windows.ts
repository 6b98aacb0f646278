const HOUR_MS = 60 * 60 * 1000;

/** Meta's customer-service window: free-form answers this long after the person's last message. */
export const FREE_FORM_WINDOW_MS = 24 * HOUR_MS;
/** Messenger/Instagram HUMAN_AGENT tag: a person may still answer this long after it. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
