/** What the core asks of the Matrix side (implemented in src/matrix/, injected at start-up). */

/** A Matrix m.room.message content (or any event content the core builds). */
export type MatrixContent = Record<string, unknown>;

export interface PortalRoomSpec {
  name: string;
  topic: string;
  /** mxc:// URI or undefined */
  avatarUrl?: string;
  /** the ghost that speaks for the remote person; joins at creation */
  ghostUserId: string;
  /** Matrix users to invite */
  invite: string[];
  /** state events set at creation (bridge info) */
  initialState: { type: string; stateKey: string; content: MatrixContent }[];
  encrypted: boolean;
}

/** downloadMessageMedia refused a file over its size limit. */
export class MediaTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = "MediaTooLargeError";
  }
}

/** Where a message's file lives: a plain mxc URI, or an EncryptedFile (encrypted rooms). */
export type MediaSource = { url: string } | { file: { url: string } & Record<string, unknown> };

export interface MatrixPort {
  readonly domain: string;
  readonly botUserId: string;
  /** Registers the user on the homeserver; succeeds when it exists already. */
  registerUser(userId: string): Promise<void>;
  setDisplayName(userId: string, displayName: string): Promise<void>;
  setAvatarUrl(userId: string, mxcUri: string): Promise<void>;
  uploadContent(data: Buffer, mimeType: string, fileName: string): Promise<string>;
  /** Points a room alias at a room (as the bridge bot). */
  createAlias(alias: string, roomId: string): Promise<void>;
  /** Creates a portal room as the bridge bot, with the ghost joined; returns the room id. */
  createPortalRoom(spec: PortalRoomSpec): Promise<string>;
  /** Sends an event into a room as a bridge user (a ghost or the bot), at a given origin time. */
  sendEvent(userId: string, roomId: string, type: string, content: MatrixContent, timestamp?: number): Promise<string>;
  setRoomName(roomId: string, name: string): Promise<void>;
  /** Sets a state event as the bridge bot. */
  setRoomState(roomId: string, type: string, stateKey: string, content: MatrixContent): Promise<void>;
  /** Brings a ghost into an existing room: the bot invites it, it joins. */
  addGhostToRoom(roomId: string, ghostUserId: string): Promise<void>;
  /** Takes a ghost out of a room (it leaves). */
  removeGhostFromRoom(roomId: string, ghostUserId: string): Promise<void>;
  /** The bot marks a room as replaced by another (m.room.tombstone). */
  tombstoneRoom(roomId: string, replacementRoomId: string, message: string): Promise<void>;
  /** Matrix users named by invite targets: user ids as given, rooms/aliases as their joined members. */
  resolveInviteTargets(targets: string[]): Promise<string[]>;
  /** Uploads a message's file: as an EncryptedFile when the room is encrypted. */
  uploadMessageMedia(roomId: string, data: Buffer, mimeType: string, fileName: string): Promise<MediaSource>;
  /** Downloads (and decrypts) a message's file; refuses more than maxBytes. */
  downloadMessageMedia(source: MediaSource, maxBytes: number): Promise<{ data: Buffer; mimeType: string }>;
  /** Redacts an event; returns the redaction's event id. */
  redactEvent(userId: string, roomId: string, eventId: string, reason?: string): Promise<string>;
  sendReadReceipt(userId: string, roomId: string, eventId: string): Promise<void>;
  /** An event's type, sender and content as the bot sees it (decrypted when it can), or null. */
  getEvent(roomId: string, eventId: string): Promise<{ type: string; sender: string; content: MatrixContent } | null>;
}
