import type { ChatKey, OutgoingMessage, RemoteEvent, RemoteProfile, ThirdPartyProtocol } from "../../core/networks/connector";
import type { ConfiguredNetworkId } from "../../config/network-sections";
import type { ErrorRule } from "./error-mapping";
import type { JsonObject } from "./json";

/** What a parser needs besides the payload. */
export interface ParseContext {
  /** our Meta app id (to tell our own echoes from other apps'), may be "" */
  appId: string;
  /** epoch ms, for items without a usable timestamp */
  now: number;
}

/** Something in a delivery that is not bridged, for a debug log line (never a message body). */
export interface SkippedItem {
  reason: string;
  account?: string;
  id?: string;
}

export interface ParsedDelivery {
  events: RemoteEvent[];
  skipped: SkippedItem[];
}

/** One Graph request that sends (part of) a message. */
export interface OutgoingRequest {
  path: string;
  body: JsonObject;
}

/** How a product reads a profile: the fields it asks for, and how the answer becomes a profile. */
export interface ProfileSpec {
  fields: string;
  toProfile(json: JsonObject): RemoteProfile;
}

/** Everything that differs between Meta's messaging products at the connector level. */
export interface MetaProduct {
  id: ConfiguredNetworkId;
  label: string;
  /** the `object` of its webhook deliveries */
  webhookObject: string;
  /** how the product identifies a person */
  userIdPattern: RegExp;
  protocol: Pick<ThirdPartyProtocol, "user_fields" | "location_fields" | "field_types">;
  describeUser(remoteId: string): string;
  /** the events in a signed, parsed delivery whose `object` is `webhookObject` */
  parseDelivery(payload: JsonObject, ctx: ParseContext): ParsedDelivery;
  /** the requests that send a message (several when it is over the product's length limit) */
  outgoingRequests(chat: ChatKey, message: OutgoingMessage): OutgoingRequest[];
  /** the message id in a send's answer */
  sentMessageId(response: unknown): string | undefined;
  /** the same request without its reply reference, when the product has one to drop (see sendOne) */
  withoutReply?(request: OutgoingRequest): OutgoingRequest | undefined;
  /** the product's own error rows, consulted before the shared ones */
  errorRules: readonly ErrorRule[];
  profile?: ProfileSpec;
}
