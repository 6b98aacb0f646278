import { createHash, createHmac, randomBytes } from "node:crypto";
import { newMediaId } from "../graph/ids";

/** Uploaded media stays retrievable this long. */
export const MEDIA_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A download URL works this long after it was handed out. */
export const DOWNLOAD_URL_LIFETIME_MS = 5 * 60 * 1000;

export interface StoredMedia {
  id: string;
  accountId: string;
  mimeType: string;
  data: Buffer;
  sha256: string;
  uploadedAt: number;
}

/** Media uploaded through the Cloud API, held in memory. */
export class MediaStore {
  private readonly media = new Map<string, StoredMedia>();
  private readonly urlKey = randomBytes(32);

  add(accountId: string, mimeType: string, data: Buffer, now: number): StoredMedia {
    const stored: StoredMedia = { id: newMediaId(), accountId, mimeType, data, sha256: createHash("sha256").update(data).digest("hex"), uploadedAt: now };
    this.media.set(stored.id, stored);
    return stored;
  }

  get(id: string, now: number): StoredMedia | undefined {
    const stored = this.media.get(id);
    return stored && now - stored.uploadedAt <= MEDIA_LIFETIME_MS ? stored : undefined;
  }

  delete(id: string): boolean {
    return this.media.delete(id);
  }

  /** A signature over the media id and expiry, so a download URL cannot be forged or extended. */
  urlHash(id: string, expiresAtSeconds: number): string {
    return createHmac("sha256", this.urlKey).update(`${id}:${expiresAtSeconds}`).digest("base64url");
  }
}
