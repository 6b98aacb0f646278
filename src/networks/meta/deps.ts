/** What the Meta connectors take from the outside world, injectable for tests. */
export interface MetaDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** uniform in [0, 1), for backoff jitter */
  random: () => number;
  /** epoch ms */
  now: () => number;
}

export const defaultDeps: MetaDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

export function withDefaults(partial: Partial<MetaDeps> = {}): MetaDeps {
  return { ...defaultDeps, ...partial };
}
