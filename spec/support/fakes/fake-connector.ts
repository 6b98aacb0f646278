import type { Router } from "express";
import {
  networkId,
  type ChatKey,
  type LocationSupport,
  type MessageTemplate,
  type MessagingWindow,
  type TemplateSupport,
  type WindowRules,
  type MediaKind,
  type MediaLimit,
  type MediaSupport,
  type OutgoingMedia,
  type ReactionSupport,
  type ReadMarking,
  type RemoteLocation,
  type RemoteMedia,
  type TypingSupport,
  type NetworkConnector,
  type NetworkId,
  type NetworkStatus,
  type OutgoingMessage,
  type ProfileLookup,
  type RemoteEventSink,
  type RemoteProfile,
  type SendResult,
} from "../../../src/core/networks/connector";
import type { NetworkError } from "../../../src/core/networks/network-error";
import type { NetworkEntry } from "../../../src/core/networks/registry";

/** A network in memory: records sends, fails on request, answers profile lookups, carries every capability. */
export class FakeConnector
  implements NetworkConnector, ProfileLookup, MediaSupport, ReactionSupport, ReadMarking, TypingSupport, LocationSupport, WindowRules, TemplateSupport
{
  window: MessagingWindow = { freeFormMs: 24 * 60 * 60 * 1000, outsideWindow: "a template" };
  templates: MessageTemplate[] = [{ name: "hello", language: "en_US", status: "APPROVED", category: "UTILITY", body: "Hello {{1}}!", parameterCount: 1 }];
  sentTemplates: { chat: ChatKey; template: { name: string; language: string; parameters: string[] } }[] = [];
  readonly oneReactionPerMessage = true;
  limits: Partial<Record<MediaKind, MediaLimit>> = {
    image: { maxBytes: 1000, mimeTypes: ["image/png", "image/jpeg"] },
    file: { maxBytes: 5000, mimeTypes: ["*"] },
  };
  remoteFiles = new Map<string, { data: Buffer; mimeType: string; fileName?: string }>();
  sentMedia: { chat: ChatKey; media: OutgoingMedia }[] = [];
  reactions: { chat: ChatKey; target: string; emoji: string | null }[] = [];
  reads: { chat: ChatKey; messageId: string }[] = [];
  typing: { chat: ChatKey; typing: boolean; lastIncoming?: string }[] = [];
  locations: { chat: ChatKey; location: RemoteLocation }[] = [];
  readonly id: NetworkId;
  sent: { chat: ChatKey; message: OutgoingMessage }[] = [];
  nextError: NetworkError | undefined;
  profiles = new Map<string, RemoteProfile>();
  avatars = new Map<string, Buffer>();
  sink: RemoteEventSink | undefined;
  private counter = 0;

  constructor(
    id: string,
    readonly label: string,
    private readonly accountList: { id: string; label: string }[] = [{ id: "100", label: "Support" }],
  ) {
    this.id = networkId(id);
  }

  protocolFields() {
    return { user_fields: ["id"], location_fields: ["id"], field_types: { id: { regexp: "[0-9]+", placeholder: "123" } } };
  }
  isValidUserId(remoteId: string) {
    return /^[0-9]+$/.test(remoteId);
  }
  accounts() {
    return this.accountList;
  }
  webhookRoutes(): Router | undefined {
    return undefined;
  }
  async start(sink: RemoteEventSink) {
    this.sink = sink;
  }
  async stop() {}
  status(): NetworkStatus {
    return { state: "running", detail: "fake" };
  }
  async sendMessage(chat: ChatKey, message: OutgoingMessage): Promise<SendResult> {
    if (this.nextError) {
      const error = this.nextError;
      this.nextError = undefined;
      throw error;
    }
    this.sent.push({ chat, message });
    return { messageIds: [`${this.id}-out-${++this.counter}`] };
  }
  mediaLimits() {
    return this.limits;
  }
  async downloadMedia(_receiver: string, media: RemoteMedia) {
    const file = this.remoteFiles.get(media.ref);
    if (!file) throw new Error("gone");
    return file;
  }
  async sendMedia(chat: ChatKey, media: OutgoingMedia): Promise<SendResult> {
    this.sentMedia.push({ chat, media });
    return { messageIds: [`${this.id}-media-${++this.counter}`] };
  }
  async sendReaction(chat: ChatKey, target: string, emoji: string | null) {
    this.reactions.push({ chat, target, emoji });
  }
  async markRead(chat: ChatKey, messageId: string) {
    this.reads.push({ chat, messageId });
  }
  async setTyping(chat: ChatKey, typing: boolean, lastIncoming?: string) {
    this.typing.push({ chat, typing, lastIncoming });
  }
  async sendLocation(chat: ChatKey, location: RemoteLocation): Promise<SendResult> {
    this.locations.push({ chat, location });
    return { messageIds: [`${this.id}-loc-${++this.counter}`] };
  }
  messagingWindow() {
    return this.window;
  }
  async listTemplates() {
    return this.templates;
  }
  async sendTemplate(chat: ChatKey, template: { name: string; language: string; parameters: string[] }): Promise<SendResult> {
    this.sentTemplates.push({ chat, template });
    return { messageIds: [`${this.id}-template-${++this.counter}`] };
  }
  describeUser(remoteId: string) {
    return `#${remoteId}`;
  }
  async getUserProfile(_receiver: string, userId: string): Promise<RemoteProfile> {
    const profile = this.profiles.get(userId);
    if (!profile) throw new Error("no profile");
    return profile;
  }
  async fetchAvatar(url: string) {
    const data = this.avatars.get(url);
    if (!data) throw new Error("no avatar");
    return { data, mimeType: "image/png" };
  }
}

export function fakeEntry(connector: NetworkConnector, prefix: string, template: string): NetworkEntry {
  return { connector, prefix, displaynameTemplate: template, icon: "" };
}
