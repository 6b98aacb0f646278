import { Bridge, AppServiceRegistration } from "matrix-appservice-bridge";
import type { MatrixContent, MatrixPort, MediaSource, PortalRoomSpec } from "../core/matrix-port";
import { getLogger } from "../logging/logger";
import type { BotClient } from "./bot/bot-client";
import { decryptAttachment, encryptAttachment, type EncryptedFileInfo } from "./crypto/attachments";
import { mediaDownloadPath } from "./media/mxc";
import { createPortalRoom } from "./portal-room";
import { enc, HomeserverClient, MatrixApiError } from "./homeserver-client";
import type { Registration } from "./registration";
import { RoomSender, type RoomEncryptor } from "./room-sender";

/** What the gateway needs of the E2EE engine besides encrypting sends. */
export interface GatewayEncryption extends RoomEncryptor {
  setRoomEncryption(roomId: string, content: Record<string, unknown>): Promise<void>;
  decryptRoomEvent(event: { type: string; room_id: string; sender: string; event_id: string; content: Record<string, unknown> }): Promise<{
    type: string;
    content: Record<string, unknown>;
  }>;
}

const log = getLogger("matrix");

export interface GatewayOptions {
  homeserverUrl: string;
  domain: string;
  registration: Registration;
}

/**
 * The bridge's hands on the homeserver. matrix-appservice-bridge's Bridge registers users and
 * keeps their profiles (intents); room traffic goes through one plain appservice client that
 * names the acting user on each request (intents' clients remember whom they last registered
 * as, which must never leak into another user's request). Incoming traffic does not go through
 * the Bridge: Switchboard serves the appservice API itself (src/matrix/appservice/) so it can
 * persist before acknowledging.
 */
export class BridgeGateway implements MatrixPort, BotClient {
  readonly bridge: Bridge;
  readonly domain: string;
  readonly userId: string;
  private readonly client: HomeserverClient;
  private readonly sender: RoomSender;
  private readonly bridgeUsers: RegExp[];
  private encryption: GatewayEncryption | undefined;

  constructor(private readonly options: GatewayOptions) {
    this.domain = options.domain;
    this.userId = `@${options.registration.sender_localpart}:${options.domain}`;
    this.bridgeUsers = options.registration.namespaces.users.map((n) => new RegExp(`^${n.regex}$`));
    this.bridge = new Bridge({
      homeserverUrl: options.homeserverUrl,
      domain: options.domain,
      registration: AppServiceRegistration.fromObject({ ...options.registration }),
      // Switchboard keeps its state in its own store, and routes events itself.
      disableStores: true,
      disableContext: true,
      controller: {
        onEvent: () => log.error("unexpected: an event reached matrix-appservice-bridge's controller"),
      },
    });
    this.client = new HomeserverClient(options.homeserverUrl, options.registration.as_token);
    this.sender = new RoomSender(this.client);
  }

  get botUserId(): string {
    return this.userId;
  }

  /** The plain client, for the E2EE engine's own requests. */
  get homeserver(): HomeserverClient {
    return this.client;
  }

  /** From now on events and files into encrypted rooms go out encrypted. */
  useEncryption(encryption: GatewayEncryption): void {
    this.encryption = encryption;
    this.sender.useEncryption(encryption);
  }

  async initialise(): Promise<void> {
    await this.bridge.initialise();
  }

  private intent(userId?: string) {
    return this.bridge.getIntent(userId);
  }

  isBridgeUser(userId: string): boolean {
    return this.bridgeUsers.some((regex) => regex.test(userId));
  }

  async registerUser(userId: string): Promise<void> {
    await this.intent(userId).ensureRegistered();
  }

  async setDisplayName(userId: string, displayName: string): Promise<void> {
    await this.intent(userId).setDisplayName(displayName);
  }

  async setAvatarUrl(userId: string, mxcUri: string): Promise<void> {
    await this.intent(userId).setAvatarUrl(mxcUri);
  }

  async uploadContent(data: Buffer, mimeType: string, fileName: string): Promise<string> {
    const result = await this.client.request<{ content_uri: string }>("POST", "/_matrix/media/v3/upload", {
      query: { filename: fileName },
      upload: { data, contentType: mimeType },
    });
    return result.content_uri;
  }

  async createAlias(alias: string, roomId: string): Promise<void> {
    await this.client.request("PUT", `/_matrix/client/v3/directory/room/${enc(alias)}`, { body: { room_id: roomId } });
  }

  async createPortalRoom(spec: PortalRoomSpec): Promise<string> {
    const roomId = await createPortalRoom(this.client, this.userId, spec);
    if (spec.encrypted) await this.encryption?.setRoomEncryption(roomId, { algorithm: "m.megolm.v1.aes-sha2" });
    return roomId;
  }

  async sendEvent(userId: string, roomId: string, type: string, content: MatrixContent, timestamp?: number): Promise<string> {
    return this.sender.send(userId, roomId, type, content, timestamp);
  }

  async setRoomName(roomId: string, name: string): Promise<void> {
    await this.client.request("PUT", `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.name/`, { body: { name } });
  }

  async resolveInviteTargets(targets: string[]): Promise<string[]> {
    const users = new Set<string>();
    for (const target of targets) {
      if (target.startsWith("@")) {
        users.add(target);
        continue;
      }
      try {
        const roomId = target.startsWith("#") ? await this.resolveAlias(target) : target;
        for (const member of await this.joinedMembers(roomId)) {
          if (!this.isBridgeUser(member)) users.add(member);
        }
      } catch (err) {
        log.warn("cannot read the members of an invite room; is the bridge bot in it?", { room: target, error: String(err) });
      }
    }
    return [...users];
  }

  private async resolveAlias(alias: string): Promise<string> {
    return (await this.client.request<{ room_id: string }>("GET", `/_matrix/client/v3/directory/room/${enc(alias)}`)).room_id;
  }

  private async joinedMembers(roomId: string): Promise<string[]> {
    const result = await this.client.request<{ joined: Record<string, unknown> }>("GET", `/_matrix/client/v3/rooms/${enc(roomId)}/joined_members`);
    return Object.keys(result.joined);
  }

  async setRoomState(roomId: string, type: string, stateKey: string, content: MatrixContent): Promise<void> {
    await this.client.request("PUT", `/_matrix/client/v3/rooms/${enc(roomId)}/state/${enc(type)}/${enc(stateKey)}`, { body: content });
  }

  async addGhostToRoom(roomId: string, ghostUserId: string): Promise<void> {
    await this.client.request("POST", `/_matrix/client/v3/rooms/${enc(roomId)}/invite`, { body: { user_id: ghostUserId } }).catch((err: unknown) => {
      // already a member (or invited): joining below settles it
      if (!(err instanceof MatrixApiError && err.status === 403)) throw err;
    });
    await this.client.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, { userId: ghostUserId, body: {} });
  }

  async removeGhostFromRoom(roomId: string, ghostUserId: string): Promise<void> {
    await this.client.request("POST", `/_matrix/client/v3/rooms/${enc(roomId)}/leave`, { userId: ghostUserId, body: {} });
  }

  async tombstoneRoom(roomId: string, replacementRoomId: string, message: string): Promise<void> {
    // the bot stays: it can still answer there, and clients show the pointer to the new room
    await this.setRoomState(roomId, "m.room.tombstone", "", { body: message, replacement_room: replacementRoomId });
  }

  async uploadMessageMedia(roomId: string, data: Buffer, mimeType: string, fileName: string): Promise<MediaSource> {
    if (this.encryption && (await this.encryption.isRoomEncrypted(roomId))) {
      const { data: ciphertext, info } = encryptAttachment(data);
      const url = await this.uploadContent(ciphertext, "application/octet-stream", fileName);
      return { file: { ...info, url } };
    }
    return { url: await this.uploadContent(data, mimeType, fileName) };
  }

  async downloadMessageMedia(source: MediaSource, maxBytes: number): Promise<{ data: Buffer; mimeType: string }> {
    if ("file" in source) {
      const { data } = await this.client.download(mediaDownloadPath(source.file.url), maxBytes);
      return { data: decryptAttachment(data, source.file as unknown as EncryptedFileInfo), mimeType: "application/octet-stream" };
    }
    const { data, contentType } = await this.client.download(mediaDownloadPath(source.url), maxBytes);
    return { data, mimeType: contentType };
  }

  redactEvent(userId: string, roomId: string, eventId: string, reason?: string): Promise<string> {
    return this.sender.redact(userId, roomId, eventId, reason);
  }

  async sendReadReceipt(userId: string, roomId: string, eventId: string): Promise<void> {
    await this.client.request("POST", `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, { userId, body: {} });
  }

  async getEvent(roomId: string, eventId: string): Promise<{ type: string; sender: string; content: MatrixContent } | null> {
    try {
      const event = await this.client.request<{ type: string; sender: string; content: MatrixContent; room_id: string; event_id: string }>(
        "GET",
        `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(eventId)}`,
      );
      if (event.type === "m.room.encrypted" && this.encryption) {
        const clear = await this.encryption.decryptRoomEvent(event).catch(() => undefined);
        return clear ? { type: clear.type, sender: event.sender, content: clear.content } : null;
      }
      return { type: event.type, sender: event.sender, content: event.content };
    } catch (err) {
      log.debug("could not fetch an event", { roomId, eventId, error: String(err) });
      return null;
    }
  }

  async join(roomId: string): Promise<void> {
    await this.client.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, { body: {} });
  }

  async leave(roomId: string, reason?: string): Promise<void> {
    await this.client.request("POST", `/_matrix/client/v3/rooms/${enc(roomId)}/leave`, { body: reason ? { reason } : {} });
  }

  async send(roomId: string, content: Record<string, unknown>): Promise<string> {
    return this.sender.send(this.userId, roomId, "m.room.message", content);
  }

  async joinedMemberCount(roomId: string): Promise<number> {
    return (await this.joinedMembers(roomId)).length;
  }

  /**
   * Registers the bot and brings its profile in line with the config. Registration comes first:
   * Synapse lets the appservice's sender set a profile without being registered, and refuses to
   * register it afterwards (500, duplicate profile row).
   */
  async setUpBot(displayName: string, avatarUrl: string): Promise<void> {
    await this.bridge.getIntent().ensureRegistered(true);
    const profilePath = `/_matrix/client/v3/profile/${enc(this.userId)}`;
    const current = await this.client.request<{ displayname?: string; avatar_url?: string }>("GET", profilePath).catch(() => ({}) as Record<string, never>);
    if (displayName && current.displayname !== displayName) await this.client.request("PUT", `${profilePath}/displayname`, { body: { displayname: displayName } });
    if (avatarUrl && current.avatar_url !== avatarUrl) await this.client.request("PUT", `${profilePath}/avatar_url`, { body: { avatar_url: avatarUrl } });
  }

  /** Asks the homeserver to ping the bridge (client-server API, appservice ping); returns its duration. */
  async pingHomeserver(): Promise<number> {
    const id = encodeURIComponent(this.options.registration.id);
    const result = await this.client.request<{ duration_ms: number }>("POST", `/_matrix/client/v1/appservice/${id}/ping`, { body: {} });
    return result.duration_ms;
  }
}
