import { NetworkError } from "../../core/networks/network-error";
import { CappedFetchError, fetchCapped } from "./capped-fetch";
import { formatBytes } from "./media-size";

export interface MediaDownloadOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  /** product name for the messages */
  label: string;
  headers?: Record<string, string>;
  /** whether a Content-Type fits what was announced (an HTML error page does not) */
  acceptType: (mimeType: string) => boolean;
}

/** The file server answered with a status other than 200 (a 404 may mean an expired URL). */
export class MediaHttpStatusError extends NetworkError {
  constructor(
    readonly status: number,
    label: string,
    host: string,
  ) {
    super(
      status >= 500 ? "temporary" : "unknown",
      status === 403 || status === 404 || status === 410
        ? `The file is no longer available from ${label} (HTTP ${status}).`
        : `The file could not be downloaded from ${label} (HTTP ${status}).`,
      `media http=${status} host=${host}`,
    );
  }
}

/** Downloads a file a person sent, never more than `maxBytes`; failures as NetworkErrors. */
export async function downloadMediaFile(url: string, options: MediaDownloadOptions): Promise<{ data: Buffer; mimeType: string }> {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new NetworkError("invalid", `${options.label} gave a file address that is not an http(s) URL.`, "media url unusable");
  }
  let response;
  try {
    response = await fetchCapped(parsed, { fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, headers: options.headers, acceptType: options.acceptType });
  } catch (err) {
    if (!(err instanceof CappedFetchError)) throw err;
    throw failure(err, parsed, options);
  }
  if (response.status !== 200) throw new MediaHttpStatusError(response.status, options.label, parsed.host);
  if (!response.data.length) throw new NetworkError("unknown", `The file from ${options.label} was empty.`, `media empty body host=${parsed.host}`);
  return { data: response.data, mimeType: response.mimeType };
}

function failure(err: CappedFetchError, url: URL, options: MediaDownloadOptions): NetworkError {
  switch (err.kind) {
    case "type":
      return new NetworkError("invalid", `${options.label} served something other than the file that was announced; it was not bridged.`, `media ${err.message} host=${url.host}`);
    case "too-large":
      return new NetworkError(
        "unsupported",
        `The file is larger than ${formatBytes(options.maxBytes)}, more than the bridge takes from ${options.label}; it was not bridged.`,
        `media too large: ${err.message}`,
      );
    default:
      return new NetworkError("temporary", `The file could not be downloaded from ${options.label}; try again later.`, `media ${err.kind} host=${url.host}`, { cause: err });
  }
}
