import { invalidParameter } from "../common-errors";
import type { ResolvedAccount } from "../directory";
import { fetchNamedFile } from "../named-file";
import type { EmulatorServices } from "../services";
import { acceptsType, type AttachmentType, type SendApiRules } from "./rules";
import type { OutgoingAttachment } from "./send-request";

/** An attachment's bytes, wherever they came from, and the URL its echo shows. */
export interface ResolvedAttachment {
  type: AttachmentType;
  mimeType: string;
  fileName: string | undefined;
  data: Buffer;
  source: "filedata" | "url";
  /** the URL the bridge named, or where the emulator now serves an uploaded file */
  url: string;
}

/**
 * What Meta does with an attachment before it answers: fetch the URL (or take the uploaded
 * filedata), then check the type and the size for the attachment type. Failures are code 100, as
 * the Send API reports them.
 */
export class AttachmentResolver {
  constructor(
    private readonly services: EmulatorServices,
    private readonly rules: SendApiRules,
  ) {}

  async resolve(account: ResolvedAccount, attachment: OutgoingAttachment): Promise<ResolvedAttachment> {
    // The Attachment Upload API is not emulated, so no attachment id can exist.
    if (attachment.attachmentId !== undefined) throw invalidParameter(`Attachment ${attachment.attachmentId} does not exist; send the attachment by url`);
    const rule = this.rules.attachments[attachment.type];
    const file = attachment.file ? this.uploaded(attachment, rule.maxBytes) : await this.fetched(attachment.url!, rule.maxBytesByUrl ?? rule.maxBytes);
    if (!file.data.length) throw invalidParameter("The attachment is empty");
    if (!acceptsType(rule, file.mimeType)) {
      throw invalidParameter(`An attachment of type ${attachment.type} cannot be a file of type ${file.mimeType || "unknown"} (accepted: ${rule.mimeTypes.join(", ")})`);
    }
    // an uploaded file gets a CDN-like URL of its own, which the echo shows
    const url = file.url ?? this.services.attachments.add(this.rules.network, account.id, file.data, file.mimeType, file.fileName);
    return { type: attachment.type, ...file, url };
  }

  private uploaded(attachment: OutgoingAttachment, maxBytes: number): Omit<ResolvedAttachment, "type" | "url"> & { url?: string } {
    const file = attachment.file!;
    if (file.data.length > maxBytes) throw invalidParameter(`Attachment size exceeds allowable limit (${maxBytes} bytes)`);
    return { mimeType: file.contentType.split(";")[0]!.trim().toLowerCase(), fileName: file.filename, data: file.data, source: "filedata" };
  }

  private async fetched(url: string, maxBytes: number): Promise<Omit<ResolvedAttachment, "type">> {
    const fetched = await fetchNamedFile(this.services.http, url, maxBytes);
    if (!fetched.ok) throw invalidParameter(`Failed to fetch the file from the url: ${fetched.reason}`);
    return { mimeType: fetched.contentType, fileName: undefined, data: fetched.data, source: "url", url };
  }

  record(account: ResolvedAccount, sent: { recipientId: string; messageId: string; attachment: ResolvedAttachment; now: number }): void {
    const { attachment } = sent;
    this.services.sentMedia.add({
      network: this.rules.network,
      accountId: account.id,
      recipientId: sent.recipientId,
      messageId: sent.messageId,
      type: attachment.type,
      mimeType: attachment.mimeType,
      ...(attachment.fileName ? { fileName: attachment.fileName } : {}),
      data: attachment.data,
      source: attachment.source,
      url: attachment.url,
      at: sent.now,
    });
  }
}
