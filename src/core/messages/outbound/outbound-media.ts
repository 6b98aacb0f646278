import { describeError } from "../../../logging/logger";
import { fromPlainText, type RichText } from "../../formatting/rich-text";
import { MediaTooLargeError, type MatrixPort, type MediaSource } from "../../matrix-port";
import { canCarryMedia } from "../../networks/capabilities";
import type { MediaKind, MediaLimit, SendResult } from "../../networks/connector";
import type { SendFeedback } from "./feedback";
import type { OutboundContext } from "./outbound-relay";

/** Serves bytes at a public URL for a while (for networks that only take files by URL). */
export interface MediaPublisher {
  publish(data: Buffer, mimeType: string, fileName: string): Promise<string | undefined>;
}

/** The most the bridge downloads from Matrix for one file, whatever the network takes. */
const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

const FALLBACKS: Record<MediaKind, MediaKind[]> = {
  sticker: ["sticker", "image", "file"],
  image: ["image", "file"],
  video: ["video", "file"],
  audio: ["audio", "file"],
  file: ["file"],
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function refusal(limit: MediaLimit | undefined, size: number, mimeType: string, kind: MediaKind): string | undefined {
  if (!limit) return `it takes no ${kind}s`;
  if (size > limit.maxBytes) return `it is too large (${formatSize(size)}; the limit is ${formatSize(limit.maxBytes)})`;
  if (!limit.mimeTypes.includes("*") && !limit.mimeTypes.includes(mimeType)) return `${mimeType} files are not accepted`;
  return undefined;
}

/**
 * Files from Matrix to a network, falling back image → file → text when the network refuses the
 * kind, the type or the size; the sender is told what was sent instead and why.
 */
export class OutboundMedia {
  constructor(
    private readonly matrix: MatrixPort,
    private readonly feedback: SendFeedback,
    private readonly publisher: MediaPublisher | undefined,
  ) {}

  async send(context: OutboundContext, kind: MediaKind, replyTo: string | undefined): Promise<SendResult | undefined> {
    const { event, entry, chat } = context;
    const { connector } = entry;
    const { content } = event;
    const fileName = typeof content.filename === "string" ? content.filename : typeof content.body === "string" ? content.body : "file";
    const ownCaption = typeof content.filename === "string" && typeof content.body === "string" && content.body !== content.filename ? fromPlainText(content.body) : undefined;
    // relayed from another network: the caption says who sent it
    const caption = context.attribute ? context.attribute(ownCaption ?? []) : ownCaption;
    const info = (content.info ?? {}) as { mimetype?: string; size?: number };
    if (!canCarryMedia(connector)) return this.asText(context, fileName, info.size, caption, replyTo, `${connector.label} does not take files from this bridge`);

    const source = (content.file ? { file: content.file } : { url: content.url }) as MediaSource;
    const limits = connector.mediaLimits();
    const largest = Math.min(MAX_DOWNLOAD_BYTES, Math.max(0, ...Object.values(limits).map((l) => l?.maxBytes ?? 0)));
    let file: { data: Buffer; mimeType: string };
    try {
      file = await this.matrix.downloadMessageMedia(source, largest);
    } catch (err) {
      const why = err instanceof MediaTooLargeError ? `it is too large (the largest file ${connector.label} takes is ${formatSize(largest)})` : `the file could not be taken from Matrix (${describeError(err)})`;
      return this.asText(context, fileName, info.size, caption, replyTo, why);
    }
    const mimeType = info.mimetype ?? file.mimeType;
    const reasons: string[] = [];
    for (const candidate of FALLBACKS[kind]) {
      const refused = refusal(limits[candidate], file.data.length, mimeType, candidate);
      if (refused) {
        reasons.push(refused);
        continue;
      }
      const url = await this.publisher?.publish(file.data, mimeType, fileName);
      const voice = "org.matrix.msc3245.voice" in content;
      const lastInboundAt = context.portal.lastInboundAt ?? undefined;
      const result = await connector.sendMedia(chat, { kind: candidate, data: file.data, mimeType, fileName, caption, replyToMessageId: replyTo, url, voice, lastInboundAt });
      if (candidate !== kind) {
        await this.feedback.notice(event.roomId, event.eventId, `Sent to ${connector.label} as ${candidate === "file" ? "a file" : `a ${candidate}`}: as ${kind === "image" ? "an image" : `a ${kind}`}, ${reasons[0]}.`);
      }
      return result;
    }
    return this.asText(context, fileName, file.data.length, caption, replyTo, reasons.at(-1) ?? "it is not accepted");
  }

  /** The last fallback: the file's name (and caption) as text, and a notice why the file itself did not go. */
  private async asText(context: OutboundContext, fileName: string, size: number | undefined, caption: RichText | undefined, replyTo: string | undefined, why: string): Promise<SendResult> {
    const { event, entry, chat } = context;
    const described = size ? `${fileName}, ${formatSize(size)}` : fileName;
    const text = fromPlainText(`[file: ${described}]`);
    const result = await entry.connector.sendMessage(chat, {
      kind: "text",
      content: caption ? [...text, { t: "br" }, ...caption] : text,
      replyToMessageId: replyTo,
      lastInboundAt: context.portal.lastInboundAt ?? undefined,
    });
    await this.feedback.notice(event.roomId, event.eventId, `Only the file's name reached ${entry.connector.label}: ${why}.`);
    return result;
  }
}
