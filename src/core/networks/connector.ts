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

/** A message from a person on a network, in the core's neutral form. JSON-serialisable. */
export interface RemoteMessage {
  kind: "message";
  chat: ChatKey;
  sender: RemoteSender;
  /** the network's message id (wamid / mid): the dedupe key and the message-map key */
  messageId: string;
  /** when it was sent, epoch ms */
  timestamp: number;
  content: RichText;
  replyToMessageId?: string;
}

/** Everything a connector reports to the core (grows with rich messaging). */
export type RemoteEvent = RemoteMessage;

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

/** Optional capability: profile lookups (Messenger, Instagram). */
export interface ProfileLookup {
  getUserProfile(receiver: string, userId: string): Promise<RemoteProfile>;
  fetchAvatar(url: string, receiver: string): Promise<{ data: Buffer; mimeType: string }>;
}
