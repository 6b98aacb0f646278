import type { ResolvedAccount } from "../graph/directory";
import { fetchNamedFile } from "../graph/named-file";
import type { Params } from "../graph/params";
import type { EmulatorServices } from "../graph/services";
import { invalidParameterValue, mediaUploadError } from "./errors";
import type { MediaStore } from "./media-store";
import type { MediaMessageType } from "./message-content";
import { fitsMessageType, maxBytesFor, mediaRuleFor } from "./media-types";

/** The bytes a media message carries, and where they came from. */
export interface ResolvedFile {
  mimeType: string;
  data: Buffer;
  source: "upload" | "url";
  url?: string;
}

/**
 * The file of an image/video/audio/document/sticker message: by `id`, media this number uploaded;
 * by `link`, fetched as Meta would (131053 when it cannot be fetched or is not a file of that type).
 */
export class OutgoingMediaResolver {
  constructor(
    private readonly services: EmulatorServices,
    private readonly store: MediaStore,
  ) {}

  async resolve(account: ResolvedAccount, type: MediaMessageType, content: Params, now: number): Promise<ResolvedFile> {
    const file = content.id !== undefined ? this.uploaded(account, type, String(content.id), now) : await this.linked(String(content.link));
    const rule = mediaRuleFor(file.mimeType);
    if (!rule) throw mediaUploadError(`${type}: files of type ${file.mimeType || "unknown"} are not supported`);
    if (!fitsMessageType(rule.category, type)) throw mediaUploadError(`${type}: a ${rule.category} file (${file.mimeType}) cannot be sent as ${type}`);
    const maxBytes = maxBytesFor(rule, file.data);
    if (file.data.length > maxBytes) throw mediaUploadError(`${type}: the file has ${file.data.length} bytes, more than ${maxBytes}`);
    return file;
  }

  record(account: ResolvedAccount, sent: { waId: string; messageId: string; type: MediaMessageType; content: Params; file: ResolvedFile; now: number }): void {
    const { content, file } = sent;
    this.services.sentMedia.add({
      network: "whatsapp",
      accountId: account.id,
      recipientId: sent.waId,
      messageId: sent.messageId,
      type: sent.type,
      mimeType: file.mimeType,
      ...(typeof content.filename === "string" ? { fileName: content.filename } : {}),
      ...(typeof content.caption === "string" ? { caption: content.caption } : {}),
      data: file.data,
      source: file.source,
      ...(file.url ? { url: file.url } : {}),
      at: sent.now,
    });
  }

  private uploaded(account: ResolvedAccount, type: MediaMessageType, id: string, now: number): ResolvedFile {
    const stored = this.store.get(id, now);
    if (!stored || stored.accountId !== account.id) throw invalidParameterValue(`${type}.id is not media uploaded by this phone number`);
    return { mimeType: stored.mimeType, data: stored.data, source: "upload" };
  }

  private async linked(link: string): Promise<ResolvedFile> {
    const fetched = await fetchNamedFile(this.services.http, link, 100 * 1024 * 1024);
    if (!fetched.ok) throw mediaUploadError(`Downloading the media from the link failed: ${fetched.reason}`);
    return { mimeType: fetched.contentType, data: fetched.data, source: "url", url: link };
  }
}
