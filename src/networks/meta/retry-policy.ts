import { GraphApiError, GraphTransportError, type GraphFailure } from "./graph-error";

/** Meta's rate-limit codes: app, user, page, API, WABA, throughput, pair rate. */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 32, 613, 80007, 130429, 131056]);

/** Meta's "try again" codes: unknown, service, temporary send failure, WhatsApp unknown/unavailable. */
export const TEMPORARY_CODES: ReadonlySet<number> = new Set([1, 2, 1200, 131000, 131016]);

export function isRateLimit(error: GraphFailure): boolean {
  return error instanceof GraphApiError && RATE_LIMIT_CODES.has(error.code);
}

/** Whether sending the same request again may succeed. */
export function isRetryable(error: GraphFailure): boolean {
  if (error instanceof GraphApiError) {
    return RATE_LIMIT_CODES.has(error.code) || TEMPORARY_CODES.has(error.code) || error.body.isTransient === true;
  }
  if (error instanceof GraphTransportError) {
    if (error.kind === "network" || error.kind === "timeout") return true;
    return error.kind === "http" && error.status !== undefined && (error.status >= 500 || error.status === 429);
  }
  return false;
}

export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1000, capMs: 30_000 };

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^retry)). `retry` counts from 0. */
export function backoffDelay(retry: number, random: () => number, settings: BackoffSettings = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
