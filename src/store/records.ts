// The shapes the rest of Switchboard works with. Repositories map table rows to and from
// these; TypeORM entities never leave src/store/.

/** Epoch milliseconds. */
export type EpochMillis = number;

export type JsonObject = { [key: string]: unknown };

export type LoginKey = { network: string; loginId: string };
export interface LoginRecord extends LoginKey {
  displayName: string | null;
  /** Connector-specific settings of this login (JSON object). */
  metadata: JsonObject;
  createdAt: EpochMillis;
}

export type GhostKey = { network: string; remoteId: string };
export interface GhostRecord extends GhostKey {
  /** The ghost's Matrix user id. */
  userId: string;
  displayName: string | null;
  /** mxc:// URI of the uploaded avatar. */
  avatarUrl: string | null;
  /** What the avatar was made from (a remote URL or hash), to notice when it changes. */
  avatarSource: string | null;
  /** Whether the Matrix user has been registered on the homeserver. */
  registered: boolean;
  profileUpdatedAt: EpochMillis | null;
  createdAt: EpochMillis;
}

export type PortalKey = { network: string; chatId: string; receiver: string };
export interface PortalRecord extends PortalKey {
  roomId: string | null;
  name: string | null;
  topic: string | null;
  avatarUrl: string | null;
  encrypted: boolean;
  /** when the person last wrote in this chat (messaging windows); kept by recordInbound only */
  lastInboundAt: EpochMillis | null;
  createdAt: EpochMillis;
}

/** One Matrix event per part of a remote message; `partId` is "" for a single-part message. */
export type MessageKey = { network: string; remoteId: string; partId: string };
export interface MessageRecord extends MessageKey {
  chatId: string;
  receiver: string;
  roomId: string;
  eventId: string;
  senderId: string | null;
  timestamp: EpochMillis;
}

export type ReactionKey = {
  network: string;
  messageId: string;
  messagePart: string;
  senderId: string;
  emoji: string;
};
export interface ReactionRecord extends ReactionKey {
  roomId: string;
  eventId: string;
  timestamp: EpochMillis;
}

/** A person with several remote identities linked by an admin (one contact room for all). */
export interface PersonRecord {
  id: string;
  name: string | null;
  createdAt: EpochMillis;
}

export type IdentityKey = { network: string; remoteId: string };
export interface PersonIdentityRecord extends IdentityKey {
  personId: string;
  /** the Matrix user who linked it */
  linkedBy: string;
  linkedAt: EpochMillis;
}

/**
 * A Matrix room holding more than one portal: a person's contact room (their identities on several
 * networks), or a group room bridged to chats on several networks.
 */
export interface BridgedRoomRecord {
  roomId: string;
  kind: "contact" | "group";
  personId: string | null;
  /** the network a user chose for replies (`via`), or null to follow the person */
  outgoingNetwork: string | null;
  createdAt: EpochMillis;
}

export interface ManagementRoomRecord {
  roomId: string;
  userId: string;
  createdAt: EpochMillis;
}

/**
 * Where inbox work came from: "matrix" for appservice transactions, or a network id for
 * webhook deliveries.
 */
export type InboxSource = string;
export const MATRIX_SOURCE: InboxSource = "matrix";

export type InboxState = "pending" | "failed";

export type NewInboxItem = {
  kind: string;
  /** Items with the same queue key are processed in order (e.g. a room id). */
  queueKey: string;
  /** Items whose dedupe key is already in the inbox for the same source are skipped. */
  dedupeKey?: string | null;
  /** Stored as JSON. */
  payload: unknown;
};

export interface InboxItem {
  id: number;
  source: InboxSource;
  kind: string;
  queueKey: string;
  dedupeKey: string | null;
  /** Parsed back from JSON. */
  payload: unknown;
  attempts: number;
  lastError: string | null;
  state: InboxState;
  receivedAt: EpochMillis;
  nextAttemptAt: EpochMillis;
}
