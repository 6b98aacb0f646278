/** Why a capped download gave nothing usable. */
export type CappedFetchFailure = "connection" | "timeout" | "type" | "too-large" | "read";

export class CappedFetchError extends Error {
  constructor(
    readonly kind: CappedFetchFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CappedFetchError";
  }
}

export interface CappedFetchOptions {
  fetch: typeof fetch;
  /** for the whole download, body included */
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
  /** refuses the body before reading it when its Content-Type (lower case, without parameters) is not wanted */
  acceptType?: (mimeType: string) => boolean;
}

export interface CappedResponse {
  status: number;
  /** lower case, without parameters; "" when absent */
  mimeType: string;
  /** empty unless the status is 200 */
  data: Buffer;
}

/**
 * A GET that never holds more than `maxBytes` of a body: a declared Content-Length over the cap is
 * refused before reading, a body that grows past it is cut off. Non-200 answers come back without
 * their body (it is discarded).
 */
export async function fetchCapped(url: URL, options: CappedFetchOptions): Promise<CappedResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    let response: Response;
    try {
      response = await options.fetch(url, { signal: controller.signal, redirect: "follow", headers: options.headers });
    } catch (err) {
      throw new CappedFetchError(timedOut ? "timeout" : "connection", `GET ${url.host} failed`, { cause: err });
    }
    const mimeType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, mimeType, data: Buffer.alloc(0) };
    }
    if (options.acceptType && !options.acceptType(mimeType)) {
      await response.body?.cancel().catch(() => undefined);
      throw new CappedFetchError("type", `content-type ${mimeType || "none"}`);
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new CappedFetchError("too-large", `declared ${declared} bytes`);
    }
    return { status: 200, mimeType, data: await readCapped(response, options.maxBytes, () => timedOut) };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, timedOut: () => boolean): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new CappedFetchError("too-large", `read over ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof CappedFetchError) throw err;
    throw new CappedFetchError(timedOut() ? "timeout" : "read", "reading the body failed", { cause: err });
  }
  return Buffer.concat(chunks);
}
