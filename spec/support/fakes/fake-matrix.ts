import { MediaTooLargeError, type MatrixContent, type MatrixPort, type MediaSource, type PortalRoomSpec } from "../../../src/core/matrix-port";

export interface SentEvent {
  userId: string;
  roomId: string;
  type: string;
  content: MatrixContent;
  timestamp?: number;
  eventId: string;
}

/** A homeserver in memory: records what the core asks of Matrix. */
export class FakeMatrix implements MatrixPort {
  readonly domain = "example.org";
  readonly botUserId = "@switchboard:example.org";
  registered: string[] = [];
  names = new Map<string, string>();
  avatars = new Map<string, string>();
  uploads: { data: Buffer; mimeType: string }[] = [];
  aliases = new Map<string, string>();
  rooms: (PortalRoomSpec & { roomId: string })[] = [];
  roomNames = new Map<string, string>();
  sent: SentEvent[] = [];
  inviteRooms = new Map<string, string[]>();
  failSends = 0;
  redactions: { userId: string; roomId: string; eventId: string; reason?: string }[] = [];
  receipts: { userId: string; roomId: string; eventId: string }[] = [];
  /** files "in the media repository", by mxc URI */
  media = new Map<string, { data: Buffer; mimeType: string }>();
  encryptedRooms = new Set<string>();
  /** events getEvent answers with */
  events = new Map<string, { type: string; sender: string; content: MatrixContent }>();

  async registerUser(userId: string) {
    this.registered.push(userId);
  }
  async setDisplayName(userId: string, name: string) {
    this.names.set(userId, name);
  }
  async setAvatarUrl(userId: string, mxc: string) {
    this.avatars.set(userId, mxc);
  }
  async uploadContent(data: Buffer, mimeType: string) {
    this.uploads.push({ data, mimeType });
    return `mxc://example.org/upload${this.uploads.length}`;
  }
  async createAlias(alias: string, roomId: string) {
    this.aliases.set(alias, roomId);
  }
  async createPortalRoom(spec: PortalRoomSpec) {
    const roomId = `!room${this.rooms.length + 1}:example.org`;
    this.rooms.push({ ...spec, roomId });
    return roomId;
  }
  async sendEvent(userId: string, roomId: string, type: string, content: MatrixContent, timestamp?: number) {
    if (this.failSends > 0) {
      this.failSends--;
      throw new Error("homeserver unavailable");
    }
    const eventId = `$event${this.sent.length + 1}`;
    this.sent.push({ userId, roomId, type, content, timestamp, eventId });
    return eventId;
  }
  async setRoomName(roomId: string, name: string) {
    this.roomNames.set(roomId, name);
  }
  async resolveInviteTargets(targets: string[]) {
    return targets.flatMap((t) => (t.startsWith("@") ? [t] : (this.inviteRooms.get(t) ?? [])));
  }

  async uploadMessageMedia(roomId: string, data: Buffer, mimeType: string, fileName: string): Promise<MediaSource> {
    const url = await this.uploadContent(data, mimeType);
    this.media.set(url, { data, mimeType });
    void fileName;
    return this.encryptedRooms.has(roomId) ? { file: { url, v: "v2" } } : { url };
  }
  async downloadMessageMedia(source: MediaSource, maxBytes: number) {
    const url = "file" in source ? source.file.url : source.url;
    const file = this.media.get(url);
    if (!file) throw new Error(`no media at ${url}`);
    if (file.data.length > maxBytes) throw new MediaTooLargeError(maxBytes);
    return file;
  }
  async redactEvent(userId: string, roomId: string, eventId: string, reason?: string) {
    this.redactions.push({ userId, roomId, eventId, reason });
    return `$redaction${this.redactions.length}`;
  }
  async sendReadReceipt(userId: string, roomId: string, eventId: string) {
    this.receipts.push({ userId, roomId, eventId });
  }
  async getEvent(_roomId: string, eventId: string) {
    return this.events.get(eventId) ?? null;
  }

  state: { roomId: string; type: string; stateKey: string; content: MatrixContent }[] = [];
  ghostsInRooms = new Map<string, Set<string>>();
  tombstones: { roomId: string; replacement: string; message: string }[] = [];
  async setRoomState(roomId: string, type: string, stateKey: string, content: MatrixContent) {
    this.state.push({ roomId, type, stateKey, content });
  }
  async addGhostToRoom(roomId: string, ghostUserId: string) {
    if (!this.ghostsInRooms.has(roomId)) this.ghostsInRooms.set(roomId, new Set());
    this.ghostsInRooms.get(roomId)!.add(ghostUserId);
  }
  async removeGhostFromRoom(roomId: string, ghostUserId: string) {
    this.ghostsInRooms.get(roomId)?.delete(ghostUserId);
  }
  async tombstoneRoom(roomId: string, replacement: string, message: string) {
    this.tombstones.push({ roomId, replacement, message });
  }

  notices(roomId?: string): string[] {
    return this.sent
      .filter((e) => e.userId === this.botUserId && e.content.msgtype === "m.notice" && (!roomId || e.roomId === roomId))
      .map((e) => String(e.content.body));
  }
}
