import type {
  ChatKey,
  MediaKind,
  MediaLimit,
  MediaSupport,
  MessagingWindow,
  OutgoingMedia,
  OutgoingMessage,
  ReactionSupport,
  ReadMarking,
  RemoteMedia,
  SendResult,
  TypingSupport,
  WindowRules,
} from "../../../core/networks/connector";
import { NetworkError } from "../../../core/networks/network-error";
import type { MetaConnectorSettings } from "../connector-settings";
import type { MetaDeps } from "../deps";
import type { ErrorRule } from "../error-mapping";
import { MEDIA_ERROR_RULES } from "../media-errors";
import { downloadMediaFile } from "../media-download";
import { checkOutgoingMedia } from "../media-limits";
import { networkMessageId } from "../message-parts";
import type { MetaProduct, OutgoingRequest } from "../product";
import { MetaProfileConnector } from "../profile-connector";
import { HUMAN_AGENT_WINDOW_MS } from "../messaging-windows";
import { replyModeFor, withReplyMode, type ReplyMode } from "./reply-mode";
import type { SendApiDialect } from "./send-api-dialect";
import { attachmentByUrl, attachmentUploadParts, reactionRequest, senderActionRequest } from "./send-api-requests";
import { sendApiWindow } from "./send-api-window";
import { sendApiWindowRules } from "./window-errors";

/** Uploads of up to 25 MB get at least this long. */
const MEDIA_TIMEOUT_MS = 120_000;
/** People's files on Messenger and Instagram are at most 25 MB; a little room for what Meta re-encodes. */
const INBOUND_MAX_BYTES = 100 * 1024 * 1024;

/** The type a downloaded file must have for the kind the webhook announced (an HTML error page has none of them). */
const EXPECTED_TYPES: Record<MediaKind, (mimeType: string) => boolean> = {
  image: (type) => type.startsWith("image/"),
  sticker: (type) => type.startsWith("image/"),
  video: (type) => type.startsWith("video/") || type === "application/octet-stream",
  audio: (type) => type.startsWith("audio/") || type === "video/mp4" || type === "application/octet-stream",
  file: (type) => type !== "text/html",
};

/**
 * Messenger and Instagram through the Send API: text and profiles (from the bases), files (by
 * upload or URL, per dialect), reactions (react/unreact: one per person per message), mark_seen
 * and typing_on/typing_off. Messages and files answer with the HUMAN_AGENT tag between 24 hours and
 * 7 days after the person's last message when the config says the app has that permission.
 */
export class SendApiConnector extends MetaProfileConnector implements MediaSupport, ReactionSupport, ReadMarking, TypingSupport, WindowRules {
  readonly oneReactionPerMessage = true;

  constructor(
    product: MetaProduct,
    private readonly dialect: SendApiDialect,
    settings?: MetaConnectorSettings,
    deps: Partial<MetaDeps> = {},
  ) {
    super(product, settings, deps);
  }

  mediaLimits(): Partial<Record<MediaKind, MediaLimit>> {
    return this.dialect.mediaLimits;
  }

  messagingWindow(): MessagingWindow {
    return sendApiWindow(this.product.id, this.settings.human_agent);
  }

  /**
   * Meta, not the bridge's clock, knows whether the 24-hour window closed: when a plain answer is
   * refused for it and the app may answer as a human agent, it goes out again with the tag once.
   */
  override async sendMessage(chat: ChatKey, message: OutgoingMessage): Promise<SendResult> {
    return this.withHumanAgentRetry(message, (m) => super.sendMessage(chat, m));
  }

  protected override prepareMessage(chat: ChatKey, message: OutgoingMessage): { requests: OutgoingRequest[]; rules: readonly ErrorRule[] } {
    const { mode, rules } = this.replyFor(message.lastInboundAt, this.humanAgentRetries.has(message));
    const requests = this.product.outgoingRequests(chat, message).map((request) => withReplyMode(request, mode));
    if (mode === "human-agent") this.log.debug("Answering as a human agent (HUMAN_AGENT tag)", { account: chat.receiver });
    return { requests, rules };
  }

  /** A plain GET of the CDN URL the webhook named (signed; no token goes there). */
  async downloadMedia(receiver: string, media: RemoteMedia): Promise<{ data: Buffer; mimeType: string; fileName?: string }> {
    this.accountFor(receiver, "the file could not be fetched");
    const file = await downloadMediaFile(media.ref, {
      fetch: this.deps.fetch,
      timeoutMs: this.mediaTimeoutMs(),
      maxBytes: INBOUND_MAX_BYTES,
      label: this.label,
      acceptType: EXPECTED_TYPES[media.kind],
    });
    const mimeType = file.mimeType || media.mimeType || "application/octet-stream";
    return { data: file.data, mimeType, ...(media.fileName ? { fileName: media.fileName } : {}) };
  }

  /** The file as an attachment (the Send API has no captions: a caption follows as a text message). */
  async sendMedia(chat: ChatKey, media: OutgoingMedia): Promise<SendResult> {
    return this.withHumanAgentRetry(media, (m) => this.sendMediaAs(chat, m));
  }

  private async sendMediaAs(chat: ChatKey, media: OutgoingMedia): Promise<SendResult> {
    const outcome = "the file was not sent";
    const account = this.accountFor(chat.receiver, outcome);
    checkOutgoingMedia(media, this.dialect.mediaLimits, this.label);
    const { mode, rules: windowRules } = this.replyFor(media.lastInboundAt, this.humanAgentRetries.has(media));
    const rules = [...windowRules, ...MEDIA_ERROR_RULES];
    const replyTo = media.replyToMessageId && networkMessageId(media.replyToMessageId);
    let messageId: string;
    if (this.dialect.upload === "filedata") {
      const answer = await this.call(
        account,
        { method: "POST", path: `${chat.receiver}/messages`, multipart: attachmentUploadParts(chat, this.dialect, media, mode), timeoutMs: this.mediaTimeoutMs() },
        outcome,
        rules,
      );
      messageId = this.messageIdOf(answer);
    } else {
      if (!media.url) {
        throw new NetworkError(
          "unsupported",
          `${this.label} only takes files by a public URL, and this bridge has none; an admin must set webhooks.public_url so that files can be sent to ${this.label}.`,
          "no public url for media",
        );
      }
      messageId = await this.sendOne(account, withReplyMode(attachmentByUrl(chat, this.dialect, media, media.url, replyTo), mode), outcome, rules);
    }
    const messageIds = [messageId];
    if (media.caption?.length) {
      const requests = this.product.outgoingRequests(chat, { kind: "text", content: media.caption }).map((request) => withReplyMode(request, mode));
      messageIds.push(...(await this.sendAll(account, requests, () => "the file was sent, but its caption was not", windowRules)));
    }
    this.log.debug("File sent", { account: account.id, kind: media.kind, bytes: media.data.length, messageId, humanAgent: mode === "human-agent" });
    return { messageIds };
  }

  /** react (any emoji; a new one replaces the old) or unreact. */
  async sendReaction(chat: ChatKey, targetMessageId: string, emoji: string | null): Promise<void> {
    await this.action(chat, reactionRequest(chat, networkMessageId(targetMessageId), emoji), "the reaction was not sent");
  }

  /** mark_seen marks the whole conversation; the message id is not needed. */
  async markRead(chat: ChatKey, _lastMessageId: string): Promise<void> {
    await this.action(chat, senderActionRequest(chat, "mark_seen"), "the read receipt was not sent");
  }

  async setTyping(chat: ChatKey, typing: boolean): Promise<void> {
    await this.action(chat, senderActionRequest(chat, typing ? "typing_on" : "typing_off"), "the typing notification was not sent");
  }

  private async action(chat: ChatKey, request: OutgoingRequest, outcome: string): Promise<void> {
    const account = this.accountFor(chat.receiver, outcome);
    await this.call(account, { method: "POST", path: request.path, body: request.body }, outcome);
  }

  /** Sends (message or file objects) marked for the human-agent retry: identity, so concurrent chats do not mix. */
  private readonly humanAgentRetries = new WeakSet<object>();

  private async withHumanAgentRetry<T extends { lastInboundAt?: number }>(item: T, send: (item: T) => Promise<SendResult>): Promise<SendResult> {
    try {
      return await send(item);
    } catch (err) {
      // only where the bridge believes the person wrote within 7 days: it knows when, and a plain answer was tried
      const { lastInboundAt } = item;
      const withinAgentWindow = lastInboundAt !== undefined && this.deps.now() - lastInboundAt <= HUMAN_AGENT_WINDOW_MS;
      const plainAnswer = replyModeFor(lastInboundAt, this.deps.now(), this.settings.human_agent) === "standard";
      const retry = err instanceof NetworkError && err.reason === "window-closed" && this.settings.human_agent && plainAnswer && withinAgentWindow;
      if (!retry) throw err;
      this.log.info("Meta says the 24-hour window has closed; answering again as a human agent (HUMAN_AGENT tag)");
      const tagged = { ...item };
      this.humanAgentRetries.add(tagged);
      return send(tagged);
    }
  }

  /** How to answer given when the person last wrote, and how refusals of that answer are worded. */
  private replyFor(lastInboundAt: number | undefined, forceHumanAgent = false): { mode: ReplyMode; rules: ErrorRule[] } {
    const now = this.deps.now();
    const humanAgentConfigured = this.settings.human_agent;
    const mode: ReplyMode = forceHumanAgent ? "human-agent" : replyModeFor(lastInboundAt, now, humanAgentConfigured);
    return { mode, rules: sendApiWindowRules({ dialect: this.dialect, humanAgentConfigured, mode, lastInboundAt, now }) };
  }

  private mediaTimeoutMs(): number {
    return Math.max(this.settings.graph_api.timeout_ms, MEDIA_TIMEOUT_MS);
  }
}
