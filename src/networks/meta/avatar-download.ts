import { NetworkError } from "../../core/networks/network-error";

export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;

export interface AvatarDownloadOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes?: number;
  /** product name for the messages */
  label: string;
}

/**
 * Downloads a profile picture from the CDN URL Graph gave: a plain GET (the URL is signed; no
 * token goes to the CDN), an image/* type, at most 5 MB read.
 */
export async function downloadAvatar(url: string, options: AvatarDownloadOptions): Promise<{ data: Buffer; mimeType: string }> {
  const maxBytes = options.maxBytes ?? MAX_AVATAR_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NetworkError("invalid", `${options.label} gave a profile picture address that is not a URL.`, "avatar url unparseable");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new NetworkError("invalid", `${options.label} gave a profile picture address that is not http(s).`, `avatar url scheme ${parsed.protocol}`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let response: Response;
    try {
      response = await options.fetch(parsed, { signal: controller.signal, redirect: "follow" });
    } catch (err) {
      throw new NetworkError("temporary", `The ${options.label} profile picture could not be downloaded; it will be tried again later.`, `avatar fetch failed host=${parsed.host}`, { cause: err });
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      const reason = response.status >= 500 ? "temporary" : "unknown";
      throw new NetworkError(reason, `The ${options.label} profile picture could not be downloaded (HTTP ${response.status}).`, `avatar http=${response.status} host=${parsed.host}`);
    }
    const mimeType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!mimeType.startsWith("image/")) {
      await response.body?.cancel();
      throw new NetworkError("unsupported", `The ${options.label} profile picture is not an image; it was not used.`, `avatar content-type=${mimeType || "none"}`);
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw tooLarge(options.label, maxBytes, `declared ${declared}`);
    }
    const data = await readCapped(response, maxBytes, options.label);
    if (!data.length) throw new NetworkError("unknown", `The ${options.label} profile picture was empty.`, "avatar empty body");
    return { data, mimeType };
  } catch (err) {
    if (err instanceof NetworkError) throw err;
    throw new NetworkError("temporary", `The ${options.label} profile picture could not be downloaded; it will be tried again later.`, `avatar read failed host=${parsed.host}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, label: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge(label, maxBytes, `read over ${maxBytes}`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function tooLarge(label: string, maxBytes: number, detail: string): NetworkError {
  return new NetworkError("unsupported", `The ${label} profile picture is larger than ${maxBytes / 1024 / 1024} MB; it was not used.`, `avatar too large: ${detail}`);
}
