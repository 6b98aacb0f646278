import { TooLargeError, type OutgoingHttp } from "./outgoing-http";

export type NamedFile = { ok: true; contentType: string; data: Buffer } | { ok: false; reason: string };

/** Meta gives up on a URL after about 10 s (75 s for video); tests need no more than a few seconds. */
export const NAMED_FILE_TIMEOUT_MS = 10_000;

/**
 * Fetches a file a send names by URL, as Meta does before it delivers: the URL must answer 200
 * with a body of at most `maxBytes`. Loopback URLs work (the bridge under test serves them).
 */
export async function fetchNamedFile(http: OutgoingHttp, url: string, maxBytes: number): Promise<NamedFile> {
  try {
    const fetched = await http.getBytes(url, { timeoutMs: NAMED_FILE_TIMEOUT_MS, maxBytes });
    if (fetched.status !== 200) return { ok: false, reason: `the URL answered HTTP ${fetched.status}` };
    if (fetched.body.length === 0) return { ok: false, reason: "the URL served an empty file" };
    return { ok: true, contentType: fetched.contentType, data: fetched.body };
  } catch (err) {
    if (err instanceof TooLargeError) return { ok: false, reason: `the file is larger than ${maxBytes} bytes` };
    return { ok: false, reason: `the URL could not be fetched (${(err as Error).message})` };
  }
}
