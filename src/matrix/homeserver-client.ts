import { setTimeout as sleep } from "node:timers/promises";
import { MediaTooLargeError } from "../core/matrix-port";

/** A failed client-server API call, with the homeserver's errcode. */
export class MatrixApiError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    readonly serverMessage: string,
    readonly path: string,
  ) {
    super(`${errcode}: ${serverMessage} (${status} on ${path})`);
    this.name = "MatrixApiError";
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** act as this user of ours (appservice `user_id` masquerading) */
  userId?: string;
  /** act as this device of that user */
  deviceId?: string;
  /** send these bytes instead of JSON */
  upload?: { data: Buffer; contentType: string };
}

const MAX_ATTEMPTS = 4;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The homeserver's client-server API with the appservice token, acting as any of the bridge's
 * users through `?user_id=`. Retries what the homeserver asks to retry (429 with retry_after_ms,
 * 502–504).
 */
export class HomeserverClient {
  constructor(
    private readonly baseUrl: string,
    private readonly asToken: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Downloads media (authenticated media API) as the bot, refusing more than `maxBytes`. */
  async download(path: string, maxBytes: number): Promise<{ data: Buffer; contentType: string }> {
    const response = await this.fetchImpl(this.baseUrl.replace(/\/$/, "") + path, {
      headers: { authorization: `Bearer ${this.asToken}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      throw new MatrixApiError(response.status, String(json.errcode ?? "M_UNKNOWN"), String(json.error ?? response.statusText), path);
    }
    if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw new MediaTooLargeError(maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return { data: Buffer.concat(chunks), contentType: response.headers.get("content-type") ?? "application/octet-stream" };
  }

  async request<T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.baseUrl.replace(/\/$/, "") + path);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    if (options.userId) url.searchParams.set("user_id", options.userId);
    if (options.deviceId) url.searchParams.set("device_id", options.deviceId);
    const headers: Record<string, string> = { authorization: `Bearer ${this.asToken}` };
    let body: string | Buffer | undefined;
    if (options.upload) {
      headers["content-type"] = options.upload.contentType;
      body = options.upload.data;
    } else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    for (let attempt = 1; ; attempt++) {
      const response = await this.fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await response.text();
      const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (response.ok) return json as T;
      const retryAfter = retryDelay(response.status, json, attempt);
      if (retryAfter !== undefined && attempt < MAX_ATTEMPTS) {
        await sleep(retryAfter);
        continue;
      }
      throw new MatrixApiError(response.status, String(json.errcode ?? "M_UNKNOWN"), String(json.error ?? response.statusText), path);
    }
  }
}

function retryDelay(status: number, json: Record<string, unknown>, attempt: number): number | undefined {
  if (status === 429) return typeof json.retry_after_ms === "number" ? json.retry_after_ms : 1000 * attempt;
  if (status >= 502 && status <= 504) return 500 * 2 ** (attempt - 1);
  return undefined;
}

export const enc = encodeURIComponent;
