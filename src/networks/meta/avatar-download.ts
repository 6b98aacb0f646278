import { NetworkError } from "../../core/networks/network-error";
import { CappedFetchError, fetchCapped } from "./capped-fetch";

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
  let response;
  try {
    response = await fetchCapped(parsed, { fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes, acceptType: (type) => type.startsWith("image/") });
  } catch (err) {
    if (!(err instanceof CappedFetchError)) throw err;
    throw failure(err, parsed, options.label, maxBytes);
  }
  if (response.status !== 200) {
    const reason = response.status >= 500 ? "temporary" : "unknown";
    throw new NetworkError(reason, `The ${options.label} profile picture could not be downloaded (HTTP ${response.status}).`, `avatar http=${response.status} host=${parsed.host}`);
  }
  if (!response.data.length) throw new NetworkError("unknown", `The ${options.label} profile picture was empty.`, "avatar empty body");
  return { data: response.data, mimeType: response.mimeType };
}

function failure(err: CappedFetchError, url: URL, label: string, maxBytes: number): NetworkError {
  switch (err.kind) {
    case "type":
      return new NetworkError("unsupported", `The ${label} profile picture is not an image; it was not used.`, `avatar ${err.message}`);
    case "too-large":
      return new NetworkError("unsupported", `The ${label} profile picture is larger than ${maxBytes / 1024 / 1024} MB; it was not used.`, `avatar too large: ${err.message}`);
    case "read":
      return new NetworkError("temporary", `The ${label} profile picture could not be downloaded; it will be tried again later.`, `avatar read failed host=${url.host}`, { cause: err });
    default:
      return new NetworkError("temporary", `The ${label} profile picture could not be downloaded; it will be tried again later.`, `avatar fetch failed host=${url.host}`, { cause: err });
  }
}
