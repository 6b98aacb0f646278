import { getLogger, type Logger } from "../../logging/logger";
import type { MetaDeps } from "./deps";
import { GraphApiError, GraphTransportError, parseGraphErrorBody, type GraphFailure } from "./graph-error";
import { buildMultipart, type MultipartPart } from "./multipart-body";
import { backoffDelay, DEFAULT_BACKOFF, isRetryable, type BackoffSettings } from "./retry-policy";

export interface GraphClientSettings {
  /** e.g. https://graph.facebook.com or https://graph.instagram.com */
  baseUrl: string;
  /** e.g. v26.0 */
  version: string;
  timeoutMs: number;
  /** retries after the first attempt */
  maxRetries: number;
  accessToken: string;
  backoff?: BackoffSettings;
}

export interface GraphRequest {
  method: "GET" | "POST";
  /** below the version, e.g. "106540352242922/messages" */
  path: string;
  query?: Record<string, string>;
  /** sent as JSON */
  body?: unknown;
  /** sent as multipart/form-data instead (file uploads) */
  multipart?: readonly MultipartPart[];
  /** overrides the per-attempt timeout (uploads of large files) */
  timeoutMs?: number;
}

/**
 * The Graph API as one account sees it: bearer token, JSON, a timeout per attempt, and retries
 * with exponential backoff and full jitter on connection failures, 5xx and Meta's transient and
 * rate-limit codes. Throws GraphApiError or GraphTransportError.
 */
export class GraphClient {
  private readonly log: Logger;

  constructor(
    private readonly settings: GraphClientSettings,
    private readonly deps: Pick<MetaDeps, "fetch" | "sleep" | "random">,
    log: Logger = getLogger("networks.graph"),
  ) {
    this.log = log;
  }

  get(path: string, query?: Record<string, string>): Promise<unknown> {
    return this.request({ method: "GET", path, query });
  }

  post(path: string, body: unknown): Promise<unknown> {
    return this.request({ method: "POST", path, body });
  }

  /** The URL of a request, without credentials. */
  urlOf(request: Pick<GraphRequest, "path" | "query">): string {
    const base = this.settings.baseUrl.replace(/\/+$/, "");
    const path = request.path.replace(/^\/+/, "");
    const query = request.query && Object.keys(request.query).length ? "?" + new URLSearchParams(request.query).toString() : "";
    return `${base}/${this.settings.version}/${path}${query}`;
  }

  async request(request: GraphRequest): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request);
      } catch (err) {
        if (!(err instanceof GraphApiError || err instanceof GraphTransportError)) throw err;
        const failure: GraphFailure = err;
        const retriesUsed = attempt - 1;
        if (!isRetryable(failure) || retriesUsed >= this.settings.maxRetries) throw failure.withAttempts(attempt);
        const delay = backoffDelay(retriesUsed, this.deps.random, this.settings.backoff ?? DEFAULT_BACKOFF);
        this.log.debug("Graph request failed, retrying", { method: request.method, path: request.path, attempt, delayMs: delay, ...describeFailure(failure) });
        await this.deps.sleep(delay);
      }
    }
  }

  private async attempt(request: GraphRequest): Promise<unknown> {
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = request.timeoutMs ?? this.settings.timeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.settings.accessToken}`, accept: "application/json" };
      const { contentType, body } = encodeBody(request);
      if (contentType) headers["content-type"] = contentType;
      let status: number;
      let text: string;
      try {
        const response = await this.deps.fetch(this.urlOf(request), {
          method: request.method,
          headers,
          body,
          signal: controller.signal,
        });
        status = response.status;
        text = await response.text();
      } catch (err) {
        if (timedOut) throw new GraphTransportError("timeout", `no answer within ${timeoutMs} ms`, undefined, 1, { cause: err });
        throw new GraphTransportError("network", `connection failed: ${causeOf(err)}`, undefined, 1, { cause: err });
      }
      return interpretResponse(status, text);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** JSON, or a multipart body rebuilt for each attempt (the bytes are not consumed by a failed one). */
function encodeBody(request: GraphRequest): { contentType?: string; body?: string | Buffer } {
  if (request.multipart) {
    const multipart = buildMultipart(request.multipart);
    return { contentType: multipart.contentType, body: multipart.body };
  }
  if (request.body === undefined) return {};
  return { contentType: "application/json", body: JSON.stringify(request.body) };
}

function interpretResponse(status: number, text: string): unknown {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const graphError = parseGraphErrorBody(json);
  if (graphError) throw new GraphApiError(status, graphError);
  if (status < 200 || status >= 300) throw new GraphTransportError("http", `HTTP ${status} without a Graph error body`, status);
  if (json === undefined) throw new GraphTransportError("bad-response", `HTTP ${status} with a body that is not JSON`, status);
  return json;
}

/** The innermost reason of a fetch failure (undici wraps ECONNRESET and friends in a TypeError). */
function causeOf(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; depth < 4; depth++) {
    const inner = (current as { cause?: unknown } | undefined)?.cause;
    if (inner === undefined) break;
    current = inner;
  }
  const code = (current as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") return code;
  return current instanceof Error ? current.message : String(current);
}

/** Log fields for a failure: codes and trace id, never the request or response body. */
export function describeFailure(failure: GraphFailure): Record<string, string | number | undefined> {
  if (failure instanceof GraphApiError) {
    return { status: failure.status, code: failure.code, subcode: failure.subcode, fbtraceId: failure.body.fbtraceId };
  }
  return { transport: failure.kind, status: failure.status, error: failure.message };
}
