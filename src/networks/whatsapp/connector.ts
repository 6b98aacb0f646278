import type {
  ChatKey,
  LocationSupport,
  MediaLimit,
  MediaKind,
  MediaSupport,
  MessageTemplate,
  MessagingWindow,
  OutgoingMedia,
  ReactionSupport,
  ReadMarking,
  RemoteLocation,
  RemoteMedia,
  SendResult,
  TemplateSupport,
  TypingSupport,
  WindowRules,
} from "../../core/networks/connector";
import { asId, asObject } from "../meta/json";
import { MEDIA_ERROR_RULES } from "../meta/media-errors";
import { checkOutgoingMedia, tooLarge } from "../meta/media-limits";
import { networkMessageId } from "../meta/message-parts";
import { FREE_FORM_WINDOW_MS } from "../meta/messaging-windows";
import { MetaNetworkConnector } from "../meta/meta-connector";
import type { MetaAccount } from "../meta/connector-settings";
import { NetworkError } from "../../core/networks/network-error";
import { WHATSAPP_MEDIA_LOOKUP_RULES } from "./errors";
import { renderWhatsAppMarkup } from "./markup-render";
import { downloadWhatsAppMedia } from "./media-download";
import { isAnimatedWebp, STILL_STICKER_MAX_BYTES, WHATSAPP_MEDIA_LIMITS } from "./media-limits";
import {
  CAPTION_LIMIT,
  CAPTIONED_TYPES,
  WHATSAPP_MEDIA_TYPES,
  whatsappLocationRequest,
  whatsappMediaRequest,
  whatsappReactionRequest,
  whatsappReadRequest,
  whatsappTypingRequest,
  whatsappUploadParts,
} from "./rich-requests";
import { WhatsAppTemplates } from "./templates/template-service";
import type { TemplateToSend } from "./templates/template-request";

/** Uploads and downloads of up to 100 MB get at least this long. */
const MEDIA_TIMEOUT_MS = 120_000;

/**
 * The WhatsApp Cloud API connector: text (from the base), files (upload, then send by media id),
 * reactions (one per person per message), read receipts, the typing indicator, locations, and
 * message templates (the only thing that may go out outside the 24-hour window).
 */
export class WhatsAppConnector
  extends MetaNetworkConnector
  implements MediaSupport, ReactionSupport, ReadMarking, TypingSupport, LocationSupport, WindowRules, TemplateSupport
{
  readonly oneReactionPerMessage = true;
  private readonly templates = new WhatsAppTemplates(
    {
      accountFor: (receiver, outcome) => this.accountFor(receiver, outcome),
      call: (account, request, outcome, rules) => this.call(account, request, outcome, rules),
      sendOne: (account, request, outcome, rules) => this.sendOne(account, request, outcome, rules),
    },
    this.log,
  );

  messagingWindow(): MessagingWindow {
    return { freeFormMs: FREE_FORM_WINDOW_MS, outsideWindow: "an approved message template (the `template` command)" };
  }

  listTemplates(receiver: string): Promise<MessageTemplate[]> {
    return this.templates.list(receiver);
  }

  sendTemplate(chat: ChatKey, template: TemplateToSend): Promise<SendResult> {
    return this.templates.send(chat, template);
  }

  mediaLimits(): Partial<Record<MediaKind, MediaLimit>> {
    return WHATSAPP_MEDIA_LIMITS;
  }

  async downloadMedia(receiver: string, media: RemoteMedia): Promise<{ data: Buffer; mimeType: string; fileName?: string }> {
    const outcome = "the file could not be fetched";
    const account = this.accountFor(receiver, outcome);
    return downloadWhatsAppMedia(media, {
      describe: () => this.call(account, { method: "GET", path: encodeURIComponent(media.ref), query: { phone_number_id: receiver } }, outcome, WHATSAPP_MEDIA_LOOKUP_RULES),
      fetch: this.deps.fetch,
      timeoutMs: this.mediaTimeoutMs(),
      accessToken: account.accessToken,
      graphOrigin: new URL(this.settings.graph_api.base_url).origin,
    });
  }

  /**
   * Uploads the file, then sends it by its media id. A caption the type cannot carry (audio,
   * stickers) or that is over 1024 characters follows as a text message.
   */
  async sendMedia(chat: ChatKey, media: OutgoingMedia): Promise<SendResult> {
    const account = this.accountFor(chat.receiver, "the file was not sent");
    checkOutgoingMedia(media, WHATSAPP_MEDIA_LIMITS, this.label);
    if (media.kind === "sticker" && !isAnimatedWebp(media.data) && media.data.length > STILL_STICKER_MAX_BYTES) {
      throw tooLarge(this.label, "still stickers", media.data.length, STILL_STICKER_MAX_BYTES, "still sticker");
    }
    const type = WHATSAPP_MEDIA_TYPES[media.kind];
    const caption = media.caption ? renderWhatsAppMarkup(media.caption) : "";
    const captionInline = caption !== "" && CAPTIONED_TYPES.includes(type) && [...caption].length <= CAPTION_LIMIT;
    const mediaId = await this.upload(account, media);
    const request = whatsappMediaRequest(chat, type, mediaId, {
      caption: captionInline ? caption : undefined,
      fileName: media.fileName,
      replyTo: media.replyToMessageId && networkMessageId(media.replyToMessageId),
    });
    const messageIds = [await this.sendOne(account, request, "the file was not sent", MEDIA_ERROR_RULES)];
    if (caption && !captionInline && media.caption) {
      const requests = this.product.outgoingRequests(chat, { kind: "text", content: media.caption });
      messageIds.push(...(await this.sendAll(account, requests, () => "the file was sent, but its caption was not")));
    }
    this.log.debug("File sent", { account: account.id, kind: media.kind, bytes: media.data.length, messageId: messageIds[0] });
    return { messageIds };
  }

  async sendReaction(chat: ChatKey, targetMessageId: string, emoji: string | null): Promise<void> {
    const account = this.accountFor(chat.receiver, "the reaction was not sent");
    await this.sendOne(account, whatsappReactionRequest(chat, networkMessageId(targetMessageId), emoji), "the reaction was not sent");
  }

  async markRead(chat: ChatKey, lastMessageId: string): Promise<void> {
    const account = this.accountFor(chat.receiver, "the read receipt was not sent");
    const request = whatsappReadRequest(chat, networkMessageId(lastMessageId));
    await this.call(account, { method: "POST", path: request.path, body: request.body }, "the read receipt was not sent");
  }

  /** WhatsApp shows typing in answer to a received message and clears it itself (reply or 25 s): stopping sends nothing. */
  async setTyping(chat: ChatKey, typing: boolean, lastIncomingMessageId?: string): Promise<void> {
    if (!typing || !lastIncomingMessageId) return;
    const account = this.accountFor(chat.receiver, "the typing notification was not sent");
    const request = whatsappTypingRequest(chat, networkMessageId(lastIncomingMessageId));
    await this.call(account, { method: "POST", path: request.path, body: request.body }, "the typing notification was not sent");
  }

  async sendLocation(chat: ChatKey, location: RemoteLocation, replyToMessageId?: string): Promise<SendResult> {
    const account = this.accountFor(chat.receiver, "the location was not sent");
    const request = whatsappLocationRequest(chat, location, replyToMessageId && networkMessageId(replyToMessageId));
    return { messageIds: [await this.sendOne(account, request, "the location was not sent")] };
  }

  private async upload(account: MetaAccount, media: OutgoingMedia): Promise<string> {
    const answer = await this.call(
      account,
      { method: "POST", path: `${account.id}/media`, multipart: whatsappUploadParts(media), timeoutMs: this.mediaTimeoutMs() },
      "the file was not sent",
      MEDIA_ERROR_RULES,
    );
    const id = asId(asObject(answer)?.id);
    if (!id) throw new NetworkError("unknown", "WhatsApp took the file but gave no media id; it was not sent.", "upload answer without an id");
    return id;
  }

  private mediaTimeoutMs(): number {
    return Math.max(this.settings.graph_api.timeout_ms, MEDIA_TIMEOUT_MS);
  }
}

