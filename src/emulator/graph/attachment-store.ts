import { randomBytes } from "node:crypto";
import type { EmulatedNetwork } from "../types";
import type { RawRoute } from "./product";

export const ATTACHMENT_PATH = "/attachments/";

interface StoredAttachment {
  network: EmulatedNetwork;
  accountId: string;
  mimeType: string;
  data: Buffer;
}

/**
 * Files Messenger and Instagram hand out by URL, like Meta's CDN: what people send (inbound
 * attachments) and what the bridge uploaded as filedata (so its echo has a URL). The URL is the
 * credential (an unguessable id); no token is needed, as on the real CDN.
 */
export class AttachmentStore {
  private readonly files = new Map<string, StoredAttachment>();

  constructor(private readonly publicUrl: () => string) {}

  add(network: EmulatedNetwork, accountId: string, data: Buffer, mimeType: string, fileName?: string): string {
    const id = randomBytes(18).toString("base64url");
    this.files.set(id, { network, accountId, mimeType, data });
    const name = encodeURIComponent(fileName && /^[^/\\]+$/.test(fileName) ? fileName : `${id.slice(0, 8)}.${extensionOf(mimeType)}`);
    return `${this.publicUrl()}${ATTACHMENT_PATH}${id}/${name}?oe=${Date.now().toString(16)}`;
  }

  route(): RawRoute {
    return {
      pathPrefix: ATTACHMENT_PATH,
      kinds: ["media"],
      handle: ({ url }) => {
        const id = url.pathname.slice(ATTACHMENT_PATH.length).split("/")[0] ?? "";
        const stored = this.files.get(id);
        if (!stored) return { status: 404, contentType: "text/plain", body: "URL signature expired", network: null, accountId: null };
        return { status: 200, contentType: stored.mimeType, body: stored.data, network: stored.network, accountId: stored.accountId };
      },
    };
  }
}

function extensionOf(mimeType: string): string {
  const subtype = mimeType.split("/")[1]?.split(/[;+]/)[0] ?? "bin";
  return { jpeg: "jpg", mpeg: "mp3", quicktime: "mov", plain: "txt" }[subtype] ?? (/^[a-z0-9]{1,5}$/.test(subtype) ? subtype : "bin");
}
