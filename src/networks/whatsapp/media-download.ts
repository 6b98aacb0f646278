import type { RemoteMedia } from "../../core/networks/connector";
import { NetworkError } from "../../core/networks/network-error";
import { asNumber, asObject, asString } from "../meta/json";
import { downloadMediaFile, MediaHttpStatusError } from "../meta/media-download";
import { baseMimeType, formatBytes } from "../meta/media-size";
import { WHATSAPP_INBOUND_MAX_BYTES } from "./media-limits";

export interface WhatsAppMediaSource {
  /** GET /{media-id}: `{url, mime_type, sha256, file_size, id}` */
  describe(): Promise<unknown>;
  fetch: typeof fetch;
  timeoutMs: number;
  /** the account's token: the media URL needs it as a bearer token */
  accessToken: string;
  /** the Graph API's origin (the emulator serves media URLs there over http) */
  graphOrigin: string;
}

/**
 * A file a person sent on WhatsApp: the media id gives a URL valid for 5 minutes, downloaded with
 * the account's token (only over https, or from the Graph API's own origin). A 404 means the URL
 * expired: a fresh one is asked for, once. Size and type are checked against what Meta announced.
 */
export async function downloadWhatsAppMedia(media: RemoteMedia, source: WhatsAppMediaSource): Promise<{ data: Buffer; mimeType: string; fileName?: string }> {
  let described = await describe(source);
  let file: { data: Buffer; mimeType: string };
  try {
    file = await download(described, media, source);
  } catch (err) {
    if (!(err instanceof MediaHttpStatusError) || err.status !== 404) throw err;
    described = await describe(source);
    file = await download(described, media, source);
  }
  if (described.size !== undefined && file.data.length !== described.size) {
    throw new NetworkError("temporary", "The file from WhatsApp arrived incomplete; try again later.", `media size ${file.data.length} != announced ${described.size}`);
  }
  const mimeType = described.mimeType ?? media.mimeType ?? file.mimeType;
  return { data: file.data, mimeType: baseMimeType(mimeType), ...(media.fileName ? { fileName: media.fileName } : {}) };
}

interface MediaDescription {
  url: string;
  mimeType?: string;
  size?: number;
}

async function describe(source: WhatsAppMediaSource): Promise<MediaDescription> {
  const answer = asObject(await source.describe()) ?? {};
  const url = asString(answer.url);
  if (!url) throw new NetworkError("unknown", "WhatsApp gave no address for the file; it was not bridged.", "media answer without url");
  const size = asNumber(answer.file_size) ?? (typeof answer.file_size === "string" && /^\d+$/.test(answer.file_size) ? Number(answer.file_size) : undefined);
  if (size !== undefined && size > WHATSAPP_INBOUND_MAX_BYTES) {
    throw new NetworkError("unsupported", `The file is ${formatBytes(size)}, more than the ${formatBytes(WHATSAPP_INBOUND_MAX_BYTES)} WhatsApp hands out; it was not bridged.`, `media of ${size} bytes`);
  }
  return { url, mimeType: asString(answer.mime_type), size };
}

function download(described: MediaDescription, media: RemoteMedia, source: WhatsAppMediaSource): Promise<{ data: Buffer; mimeType: string }> {
  const url = URL.canParse(described.url) ? new URL(described.url) : undefined;
  if (!url || (url.protocol !== "https:" && url.origin !== source.graphOrigin)) {
    // the token must not travel in clear text or to a host Meta did not name
    throw new NetworkError("invalid", "WhatsApp gave a file address the bridge will not send its token to; the file was not bridged.", `media url refused: ${url?.protocol ?? "unparseable"}`);
  }
  const expected = baseMimeType(described.mimeType ?? media.mimeType ?? "");
  return downloadMediaFile(url.toString(), {
    fetch: source.fetch,
    timeoutMs: source.timeoutMs,
    maxBytes: WHATSAPP_INBOUND_MAX_BYTES,
    label: "WhatsApp",
    headers: { authorization: `Bearer ${source.accessToken}` },
    acceptType: (type) => type === expected || !isErrorPage(type),
  });
}

function isErrorPage(mimeType: string): boolean {
  return mimeType === "text/html" || mimeType === "application/json";
}
