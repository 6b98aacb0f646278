import type {
  DeliveredToPerson,
  InboundContacts,
  InboundDeletion,
  InboundEdit,
  InboundLocation,
  InboundMedia,
  InboundMediaResult,
  InboundReaction,
  InboundUnsupported,
  PersonWebhookResult,
  ReadByPerson,
  SentMedia,
  SentMediaFilter,
  StatusUpdate,
} from "./person-types";
import type { EmulatorTemplate, SentTemplate, SentTemplateFilter, StoredTemplate } from "./template-types";

/** The Meta products the emulator speaks for. */
export type EmulatedNetwork = "whatsapp" | "messenger" | "instagram";
export const EMULATED_NETWORKS: readonly EmulatedNetwork[] = ["whatsapp", "messenger", "instagram"];

/** One business account the bridge acts through: a WhatsApp number, a Page, an Instagram professional account. */
export interface EmulatorAccount {
  network: EmulatedNetwork;
  /** phone_number_id (WhatsApp) / page id (Messenger) / IG professional account id (Instagram) */
  id: string;
  /** The only token this account accepts (Authorization: Bearer … or ?access_token=…). */
  accessToken: string;
  /** Signs webhooks (X-Hub-Signature-256). */
  appSecret: string;
  /** Where the bridge receives this network's webhooks. */
  webhookUrl: string;
  /** For the GET verification handshake. */
  verifyToken?: string;
  /** Messenger/Instagram echoes carry it. */
  appId?: string;
  /** WhatsApp: the WhatsApp Business Account of the number (its templates); made up when not given. */
  wabaId?: string;
  /**
   * Messenger/Instagram: the app has Meta's Human Agent permission, so a HUMAN_AGENT tagged answer
   * is accepted up to 7 days after the person's last message (default true); false refuses the tag.
   */
  humanAgent?: boolean;
  displayPhoneNumber?: string;
  name?: string;
}

/** A remote person, for profile lookups and inbound messages. */
export interface EmulatorUser {
  network: EmulatedNetwork;
  /** wa_id / PSID / IGSID */
  id: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  /** Give the profile a picture URL (default false: no profile_pic). */
  withAvatar?: boolean;
}

export type HttpStatusMode = "meta-table" | "400-everywhere";

export interface EmulatorOptions {
  /** Address to listen on (default 127.0.0.1). */
  hostname?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  accounts: EmulatorAccount[];
  users?: EmulatorUser[];
  /** Accepted Graph API versions (default /^v\d+\.\d+$/). */
  graphVersion?: RegExp;
  /** HTTP status of Graph errors: Meta's per-code table (default) or always 400. */
  httpStatusMode?: HttpStatusMode;
  /** Deliver Messenger/Instagram echo webhooks after each sent message (default true). */
  echoWebhooks?: boolean;
  /** Deliver WhatsApp sent → delivered → read status webhooks after each sent message (default false). */
  statusWebhooks?: boolean;
  /** Base of the profile-picture and media URLs the emulator hands out (default: its own URL). */
  publicUrl?: string;
  /** Accept /_emulator control requests from other hosts than loopback (default false). */
  allowRemoteControl?: boolean;
  /** How long a webhook POST may take (default 5 s for Messenger/Instagram, 20 s for WhatsApp). */
  webhookTimeoutMs?: number;
  /**
   * WhatsApp message templates by WABA id; a WABA not named here gets the demo templates
   * (hello_world, order_update, follow_up in en_US and de, a pending seasonal_offer).
   */
  templates?: Record<string, EmulatorTemplate[]>;
}

/** What a Graph request was for; one request can count as several (a Messenger typing_on is also a sender_action). */
export type RequestKind = "message" | "read" | "typing" | "sender_action" | "reaction" | "profile" | "media" | "account" | "template";

export interface RecordedRequest {
  /** null when neither the path nor the token named anything the emulator knows. */
  network: EmulatedNetwork | null;
  accountId: string | null;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** 0 when the connection was dropped on purpose. */
  status: number;
  response: unknown;
  at: number;
  kinds: RequestKind[];
}

export interface SentFilter {
  network?: EmulatedNetwork;
  accountId?: string;
  kind?: RequestKind;
}

export interface InjectedFailure {
  network?: EmulatedNetwork;
  accountId?: string;
  pathIncludes?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  status?: number;
  code: number;
  subcode?: number;
  message?: string;
  type?: string;
  /** Drop the connection instead of answering. */
  transport?: "reset";
}

export interface InboundMessage {
  network: EmulatedNetwork;
  accountId: string;
  /** The remote user's id. */
  from: string;
  text: string;
  /** Overrides the user's name. */
  name?: string;
  messageId?: string;
  replyTo?: string;
  /** Milliseconds since the epoch (default: the emulator's now). */
  timestamp?: number;
}

export interface InboundResult {
  status: number;
  body: string;
  messageId: string;
  payload: unknown;
}

export type SignatureMode = "valid" | "wrong" | "missing";

export interface DeliverOptions {
  signature?: SignatureMode;
  accountId?: string;
  /** Sent as is instead of the Meta-style serialisation of the payload. */
  rawBody?: string;
}

export interface WebhookResponse {
  status: number;
  body: string;
}

export interface VerificationResult extends WebhookResponse {
  challenge: string;
  /** The bridge answered 200 with exactly the challenge. */
  echoed: boolean;
}

export type WebhookKind = "message" | "echo" | "status" | "reaction" | "edit" | "deletion" | "read" | "delivery" | "custom" | "verification";

/** A webhook the emulator sent to the bridge and what came back. */
export interface DeliveredWebhook {
  network: EmulatedNetwork;
  accountId: string;
  kind: WebhookKind;
  url: string;
  rawBody: string;
  payload: unknown;
  /** 0 when the bridge could not be reached or timed out (see error). */
  status: number;
  responseBody: string;
  error?: string;
  at: number;
}

export interface WebhookFilter {
  network?: EmulatedNetwork;
  accountId?: string;
  kind?: WebhookKind;
}

export interface GraphEmulator {
  /** Base URL for Switchboard's graph_api.base_url, e.g. http://127.0.0.1:PORT (the version goes after it). */
  readonly url: string;
  sent(filter?: SentFilter): RecordedRequest[];
  /** Forgets the recorded requests, the sent media and the sent templates. */
  clearSent(): void;
  waitForSent(filter: SentFilter, count?: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Builds the product's webhook for a user's message, signs it, POSTs it to the account's webhookUrl. */
  inbound(message: InboundMessage): Promise<InboundResult>;
  deliver(network: EmulatedNetwork, payload: unknown, options?: DeliverOptions): Promise<WebhookResponse>;
  verifyWebhook(network: EmulatedNetwork, options?: { verifyToken?: string; accountId?: string }): Promise<VerificationResult>;
  /** Webhooks sent so far (inbound messages, echoes, statuses, deliver(), verifications). */
  webhooks(filter?: WebhookFilter): DeliveredWebhook[];
  waitForWebhooks(filter: WebhookFilter, count?: number, timeoutMs?: number): Promise<DeliveredWebhook[]>;
  /** A file (or, on Messenger/Instagram, several) from a person; the emulator hosts the bytes. */
  inboundMedia(message: InboundMedia): Promise<InboundMediaResult>;
  /** WhatsApp: a shared location. */
  inboundLocation(message: InboundLocation): Promise<InboundResult>;
  /** WhatsApp: shared contact cards. */
  inboundContacts(message: InboundContacts): Promise<InboundResult>;
  /** A message the network cannot pass on (WhatsApp type unsupported, Instagram is_unsupported). */
  inboundUnsupported(message: InboundUnsupported): Promise<InboundResult>;
  /** A reaction to a message, or its removal (no emoji). */
  inboundReaction(reaction: InboundReaction): Promise<PersonWebhookResult>;
  /** Messenger: the person edited one of their messages. */
  inboundEdit(edit: InboundEdit): Promise<PersonWebhookResult>;
  /** Instagram: the person unsent one of their messages. */
  inboundDeletion(deletion: InboundDeletion): Promise<PersonWebhookResult>;
  /** The person read what the account sent (WhatsApp read status, Messenger watermark, Instagram messaging_seen). */
  read(read: ReadByPerson): Promise<PersonWebhookResult>;
  /** Messages reached the person (WhatsApp delivered statuses, Messenger message_deliveries). */
  delivered(delivery: DeliveredToPerson): Promise<PersonWebhookResult>;
  /** WhatsApp: any status webhook for a message the account sent, failed included. */
  status(update: StatusUpdate): Promise<PersonWebhookResult>;
  /** Files the bridge sent, with their bytes (WhatsApp media messages, Messenger/Instagram attachments). */
  sentMedia(filter?: SentMediaFilter): SentMedia[];
  /** WhatsApp template messages the bridge sent, with the body the person reads. */
  sentTemplates(filter?: SentTemplateFilter): SentTemplate[];
  /** The message templates of a WABA (all WABAs without one). */
  templates(wabaId?: string): StoredTemplate[];
  /** Adds a template to a WABA, or replaces the one with its name and language (a status change, say). */
  setTemplate(wabaId: string, template: EmulatorTemplate): StoredTemplate;
  /** Deletes a template; false when there was none. */
  removeTemplate(wabaId: string, name: string, language: string): boolean;
  injectFailure(failure: InjectedFailure): void;
  clearFailures(): void;
  /** Moves the emulator's "now" (customer-service windows, media URL expiry). */
  advanceClock(ms: number): void;
  now(): number;
  stop(): Promise<void>;
}
