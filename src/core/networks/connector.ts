/**
 * The contract every network implements: a small required core, plus optional capabilities the
 * core discovers at runtime (type guards in capabilities.ts). IDs are opaque strings to the core.
 */
import type { Router } from "express";
import type { RichText } from "../formatting/rich-text";

/** A network's id (also its Matrix third-party protocol id). Opaque to the core. */
export type NetworkId = string & { readonly __brand: "NetworkId" };

export function networkId(id: string): NetworkId {
  return id as NetworkId;
}

/** Matrix third-party protocol description (client-server spec, GET /thirdparty/protocol). */
export interface ThirdPartyFieldType {
  regexp: string;
  placeholder: string;
}

export interface ThirdPartyInstance {
  desc: string;
  icon?: string;
  fields: Record<string, string>;
  network_id: string;
}

export interface ThirdPartyProtocol {
  user_fields: string[];
  location_fields: string[];
  icon: string;
  field_types: Record<string, ThirdPartyFieldType>;
  instances: ThirdPartyInstance[];
}

export type NetworkState = "running" | "degraded" | "stopped";

export interface NetworkStatus {
  state: NetworkState;
  /** one line a user can read, e.g. "2 accounts; last webhook 3 min ago" */
  detail: string;
}

/** Where a chat lives: the chat on the network, and the account (login) the bridge reaches it through. */
export interface ChatKey {
  network: string;
  chatId: string;
  /** the account that receives the chat: phone number id, Page id, IG account id */
  receiver: string;
}

export interface RemoteSender {
  id: string;
  /** the person's name when the delivery carries it (WhatsApp contacts[].profile.name) */
  name?: string;
}

export type MediaKind = "image" | "video" | "audio" | "file" | "sticker";

/** A file a person sent; the connector fetches it on request (MediaDownloader). */
export interface RemoteMedia {
  kind: MediaKind;
  /** what the connector needs to download it (a WhatsApp media id, a CDN URL): opaque to the core */
  ref: string;
  mimeType?: string;
  fileName?: string;
  size?: number;
  /** a voice note (audio recorded in the app) */
  voice?: boolean;
  width?: number;
  height?: number;
  durationMs?: number;
}

export interface RemoteLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface RemoteContactCard {
  name: string;
  /** the card as vCard 3.0 text */
  vcard: string;
}

/** A message from a person on a network, in the core's neutral form. JSON-serialisable. */
export interface RemoteMessage {
  kind: "message";
  chat: ChatKey;
  sender: RemoteSender;
  /** the network's message id (wamid / mid): the dedupe key and the message-map key */
  messageId: string;
  /** when it was sent, epoch ms */
  timestamp: number;
  /** the text, or a media message's caption (may be empty) */
  content: RichText;
  replyToMessageId?: string;
  media?: RemoteMedia;
  location?: RemoteLocation;
  contacts?: RemoteContactCard[];
  /** the network could not show it (e.g. an unsupported message type): what the person sent, in words */
  unsupported?: string;
}

/** A person reacted to a message, or took a reaction back (emoji undefined). */
export interface RemoteReaction {
  kind: "reaction";
  chat: ChatKey;
  sender: RemoteSender;
  targetMessageId: string;
  emoji?: string;
  timestamp: number;
  /** unique per reaction change, for deduplication */
  eventId: string;
}

export interface RemoteEdit {
  kind: "edit";
  chat: ChatKey;
  sender: RemoteSender;
  targetMessageId: string;
  content: RichText;
  timestamp: number;
  eventId: string;
}

/** A person unsent / deleted one of their messages. */
export interface RemoteDeletion {
  kind: "delete";
  chat: ChatKey;
  sender: RemoteSender;
  targetMessageId: string;
  timestamp: number;
  eventId: string;
}

/** Delivery state of messages the bridge sent, as the network reports it. */
export interface RemoteReceipt {
  kind: "receipt";
  chat: ChatKey;
  /** the person who received or read */
  sender: RemoteSender;
  status: "delivered" | "read" | "failed";
  /** the messages it covers; with a watermark, every message sent at or before it */
  messageIds: string[];
  watermark?: number;
  /** for failed: why, in words */
  error?: string;
  timestamp: number;
  eventId: string;
}

/** Everything a connector reports to the core. */
export type RemoteEvent = RemoteMessage | RemoteReaction | RemoteEdit | RemoteDeletion | RemoteReceipt;

/** The identity a remote event is deduplicated by. */
export function remoteEventKey(event: RemoteEvent): string {
  return event.kind === "message" ? `message:${event.messageId}` : `${event.kind}:${event.eventId}`;
}

/** Persists remote events before the network gets its acknowledgement (implemented by the core). */
export interface RemoteEventSink {
  accept(network: NetworkId, events: RemoteEvent[]): Promise<void>;
}

export interface OutgoingMessage {
  /** Matrix msgtype it came from */
  kind: "text" | "notice" | "emote";
  content: RichText;
  /** the network message id this replies to, when the Matrix event was a reply to a bridged message */
  replyToMessageId?: string;
  /** when the person last wrote (epoch ms), so the connector can pick the right message type (HUMAN_AGENT) */
  lastInboundAt?: number;
}

export interface SendResult {
  /** one id per message the network stored: a text over the network's limit goes out in parts */
  messageIds: string[];
  /** epoch ms, when the network gives one */
  timestamp?: number;
}

export interface RemoteProfile {
  name?: string;
  /** a URL the connector can fetch (fetchAvatar) */
  avatarUrl?: string;
}

export interface NetworkConnector {
  readonly id: NetworkId;
  /** human name, e.g. "WhatsApp" */
  readonly label: string;
  /** the protocol's fields; the core adds the icon and instances */
  protocolFields(): Pick<ThirdPartyProtocol, "user_fields" | "location_fields" | "field_types">;
  /** whether a string is a well-formed user id on this network (used before creating a ghost) */
  isValidUserId(remoteId: string): boolean;
  /** the accounts (logins) configured, with a label for topics */
  accounts(): { id: string; label: string }[];
  /** HTTP routes mounted at /webhooks/<id>, when the network delivers by webhook */
  webhookRoutes(): Router | undefined;
  start(sink: RemoteEventSink): Promise<void>;
  stop(): Promise<void>;
  status(): NetworkStatus;
  /** Sends into a chat through its receiving account. Throws NetworkError on failure. */
  sendMessage(chat: ChatKey, message: OutgoingMessage): Promise<SendResult>;
  /** How the text of a direct chat with this person is addressed in topics, e.g. "+1 555 123 4567". */
  describeUser(remoteId: string): string;
}

/** Outgoing media, downloaded (and decrypted) from Matrix by the core. */
export interface OutgoingMedia {
  kind: MediaKind;
  data: Buffer;
  mimeType: string;
  fileName: string;
  caption?: RichText;
  replyToMessageId?: string;
  voice?: boolean;
  /** when the person last wrote (epoch ms) */
  lastInboundAt?: number;
  /**
   * A public URL serving the same bytes for a while, when the bridge has one (webhooks.public_url):
   * for networks that only take files by URL
   */
  url?: string;
}

/** What a network accepts for one media kind. */
export interface MediaLimit {
  maxBytes: number;
  /** accepted MIME types; "*" for any */
  mimeTypes: string[];
}

/** Optional capability: files both ways. */
export interface MediaSupport {
  mediaLimits(): Partial<Record<MediaKind, MediaLimit>>;
  downloadMedia(receiver: string, media: RemoteMedia): Promise<{ data: Buffer; mimeType: string; fileName?: string }>;
  sendMedia(chat: ChatKey, media: OutgoingMedia): Promise<SendResult>;
}

/** Optional capability: reactions from Matrix to the network. */
export interface ReactionSupport {
  /** the network keeps one reaction per person per message: a new one replaces the old */
  readonly oneReactionPerMessage: boolean;
  /** reacts (emoji) or takes the reaction back (null) */
  sendReaction(chat: ChatKey, targetMessageId: string, emoji: string | null): Promise<void>;
}

/** Optional capability: telling the person their messages were read. */
export interface ReadMarking {
  markRead(chat: ChatKey, lastMessageId: string): Promise<void>;
}

/** Optional capability: typing notifications to the person. */
export interface TypingSupport {
  /** `lastIncomingMessageId`: WhatsApp shows typing in answer to a message */
  setTyping(chat: ChatKey, typing: boolean, lastIncomingMessageId?: string): Promise<void>;
}

/** Optional capability: locations to the network. */
export interface LocationSupport {
  sendLocation(chat: ChatKey, location: RemoteLocation, replyToMessageId?: string): Promise<SendResult>;
}

/** How long after a person's last message the network lets a business answer freely. */
export interface MessagingWindow {
  freeFormMs: number;
  /** longer, for a human answering, when the app has Meta's Human Agent permission (Messenger, Instagram) */
  humanAgentMs?: number;
  /** what the network offers outside the window, in words, e.g. "an approved message template (`template` command)" */
  outsideWindow: string;
}

/** Optional capability: the network limits when a business may write (Meta's customer-service window). */
export interface WindowRules {
  messagingWindow(): MessagingWindow;
}

export interface MessageTemplate {
  name: string;
  language: string;
  status: string;
  category: string;
  /** the body text with {{1}}, {{2}}… placeholders */
  body: string;
  parameterCount: number;
}

/** Optional capability: pre-approved message templates (WhatsApp), the only way to write outside the window. */
export interface TemplateSupport {
  listTemplates(receiver: string): Promise<MessageTemplate[]>;
  sendTemplate(chat: ChatKey, template: { name: string; language: string; parameters: string[] }): Promise<SendResult>;
}

/** Optional capability: profile lookups (Messenger, Instagram). */
export interface ProfileLookup {
  getUserProfile(receiver: string, userId: string): Promise<RemoteProfile>;
  fetchAvatar(url: string, receiver: string): Promise<{ data: Buffer; mimeType: string }>;
}
