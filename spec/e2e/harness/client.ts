import assert from "node:assert/strict";
import {
  ClientEvent,
  createClient,
  EventType,
  type MatrixClient,
  type MatrixEvent,
  MsgType,
  Preset,
  SyncState,
} from "matrix-js-sdk";
import { registerTeardown } from "../../support/fixtures";
import type { RegisteredUser } from "./admin-register";
import { quietGlobalMatrixLogger, quietMatrixLogger } from "./quiet-matrix-logger";
import { waitUntil } from "./wait-until";

export const DEFAULT_WAIT_MS = 10_000;

/** Every client of the run, for the suite-wide "unable to decrypt" count. */
const allClients: TestClient[] = [];

export interface DecryptionReport {
  /** encrypted events the clients hold, decrypted */
  decrypted: number;
  /** encrypted events still undecryptable: "user room event: reason" */
  undecryptable: string[];
  /**
   * undecryptable by design, as Element classes them too: history from before the reading device
   * or user existed in the room, and a person's keys their own client withheld from an unverified
   * reading device
   */
  expected: string[];
}

const BY_DESIGN = /^HISTORICAL_MESSAGE_/;
// matrix-js-sdk is loaded twice here (CommonJS and ESM), so its DecryptionError is not always
// recognised and the code reads UNKNOWN_ERROR; its message still says which case it is.
const BY_DESIGN_MESSAGE = /sent before this device logged in|sent when we were not a member of the room/;
const WITHHELD_FROM_UNVERIFIED = /disabled encrypting to unverified devices/;

/** What every client of the run holds right now: how many encrypted events it decrypted, and which it could not. */
export function decryptionReport(isBridgeUser: (userId: string) => boolean): DecryptionReport {
  const report: DecryptionReport = { decrypted: 0, undecryptable: [], expected: [] };
  for (const client of allClients) {
    for (const room of client.matrix.getRooms()) {
      for (const event of room.getLiveTimeline().getEvents()) {
        if (!event.isEncrypted()) continue;
        if (!event.isDecryptionFailure()) {
          report.decrypted++;
          continue;
        }
        const code = String(event.decryptionFailureReason ?? "unknown");
        const message = String(event.getContent().body);
        const line = `${client.userId} ${room.roomId} ${event.getId()} from ${event.getSender()}: ${code} (${message.slice(0, 160)})`;
        const withheld = code === "MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE" || WITHHELD_FROM_UNVERIFIED.test(message);
        const withheldByPerson = withheld && !isBridgeUser(event.getSender() ?? "");
        if (BY_DESIGN.test(code) || BY_DESIGN_MESSAGE.test(message) || withheldByPerson) report.expected.push(line);
        else report.undecryptable.push(line);
      }
    }
  }
  return report;
}
const FIRST_SYNC_TIMEOUT_MS = 15_000;

export type Membership = "invite" | "join" | "leave" | "ban" | "knock";

export interface TestClientOptions {
  /** Start matrix-js-sdk's Rust crypto (the engine Element uses), in memory. */
  crypto?: boolean;
}

export interface Profile {
  displayname?: string;
  avatar_url?: string;
}

/** A real Matrix client (matrix-js-sdk) logged in as a test user, with helpers tests need. */
export class TestClient {
  private stopped = false;

  private constructor(
    /** The underlying client, for anything the helpers do not cover. */
    readonly matrix: MatrixClient,
    readonly user: RegisteredUser,
  ) {}

  /** Creates the client, starts it and resolves after its first sync. Stopped on teardown. */
  static async start(homeserverUrl: string, user: RegisteredUser, options: TestClientOptions = {}): Promise<TestClient> {
    quietGlobalMatrixLogger();
    const matrix = createClient({
      baseUrl: homeserverUrl,
      userId: user.userId,
      accessToken: user.accessToken,
      deviceId: user.deviceId,
      logger: quietMatrixLogger(user.userId),
    });
    const client = new TestClient(matrix, user);
    allClients.push(client);
    registerTeardown(() => client.stop());
    if (options.crypto) await matrix.initRustCrypto({ useIndexedDB: false });
    const prepared = firstSync(matrix);
    await matrix.startClient({ initialSyncLimit: 20 });
    await prepared;
    return client;
  }

  get userId(): string {
    return this.user.userId;
  }

  /** A private chat marked as direct (is_direct on the invite, m.direct account data), as Element makes one. */
  async createDirectRoom(userId: string, options: { encrypted?: boolean } = {}): Promise<string> {
    const { room_id: roomId } = await this.matrix.createRoom({
      preset: Preset.PrivateChat,
      is_direct: true,
      invite: [userId],
      initial_state: options.encrypted ? [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }] : [],
    });
    const direct = (this.matrix.getAccountData(EventType.Direct)?.getContent() ?? {}) as Record<string, string[]>;
    await this.matrix.setAccountData(EventType.Direct, { ...direct, [userId]: [...(direct[userId] ?? []), roomId] });
    return roomId;
  }

  async joinRoom(roomIdOrAlias: string): Promise<string> {
    return (await this.matrix.joinRoom(roomIdOrAlias)).roomId;
  }

  /** Sends an m.text message; resolves with its event id once the homeserver accepted it. */
  async sendText(roomId: string, body: string): Promise<string> {
    const { event_id: eventId } = await this.matrix.sendMessage(roomId, { msgtype: MsgType.Text, body });
    return eventId;
  }

  /**
   * The first event in the room matching `predicate`, among those already in the live timeline or
   * arriving later (re-checked after decryption, so encrypted events match by their clear content).
   */
  waitForEvent(
    roomId: string,
    predicate: (event: MatrixEvent) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<MatrixEvent> {
    return waitUntil(
      this.matrix,
      () => this.timeline(roomId).find(predicate),
      timeoutMs,
      () => `no matching event in ${roomId} for ${this.userId}; timeline: ${this.describeTimeline(roomId)}`,
    );
  }

  /**
   * The event `eventId` once this client has decrypted it (or seen it in the clear); fails the test if
   * it stays undecryptable for `timeoutMs`.
   */
  async waitForClearEvent(roomId: string, eventId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<MatrixEvent> {
    const event = await this.waitForEvent(roomId, (e) => e.getId() === eventId, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    while ((event.isBeingDecrypted() || event.isDecryptionFailure() || event.getType() === "m.room.encrypted") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(event.isDecryptionFailure(), false, `${this.userId} (${this.user.deviceId}) could not decrypt ${eventId}: ${event.decryptionFailureReason}`);
    return event;
  }

  /** The first room this user is invited to (and has not joined) that `predicate` accepts; its id. */
  waitForInvite(predicate: (roomId: string) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
    return waitUntil(
      this.matrix,
      () => this.matrix.getRooms().find((room) => room.getMyMembership() === "invite" && predicate(room.roomId))?.roomId,
      timeoutMs,
      () => `${this.userId} got no matching invite`,
    );
  }

  /** Resolves once `userId`'s membership in the room, as this client sees it, is `membership`. */
  async waitForMembership(
    roomId: string,
    userId: string,
    membership: Membership,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<void> {
    await waitUntil(
      this.matrix,
      () => (this.membershipOf(roomId, userId) === membership ? true : undefined),
      timeoutMs,
      () => `${userId} in ${roomId} is ${this.membershipOf(roomId, userId) ?? "unknown"}, not ${membership} (seen by ${this.userId})`,
    );
  }

  async getProfile(userId: string): Promise<Profile> {
    return this.matrix.getProfileInfo(userId);
  }

  /**
   * Sets up this user's cross-signing keys (password auth for the upload). Needs `crypto: true`.
   * A client that only trusts cross-signed devices refuses to send until this is done.
   */
  async bootstrapCrossSigning(): Promise<void> {
    const crypto = this.matrix.getCrypto();
    if (!crypto) throw new Error("bootstrapCrossSigning needs a client started with { crypto: true }");
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest({
          type: "m.login.password",
          identifier: { type: "m.id.user", user: this.userId },
          password: this.user.password,
        });
      },
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.matrix.stopClient();
  }

  private timeline(roomId: string): MatrixEvent[] {
    return this.matrix.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [];
  }

  private membershipOf(roomId: string, userId: string): string | undefined {
    const room = this.matrix.getRoom(roomId);
    if (!room) return undefined;
    // For a room this user is only invited to, its own membership comes from the invite, not from a member list.
    if (userId === this.userId) return room.getMyMembership();
    return room.getMember(userId)?.membership;
  }

  private describeTimeline(roomId: string): string {
    const events = this.timeline(roomId);
    if (!this.matrix.getRoom(roomId)) return "(room unknown to this client)";
    return (
      events
        .slice(-10)
        .map((event) => `${event.getType()} from ${event.getSender()}`)
        .join(", ") || "(empty)"
    );
  }
}

function firstSync(matrix: MatrixClient): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastState = "none";
    const timer = setTimeout(() => {
      matrix.off(ClientEvent.Sync, onSync);
      reject(new Error(`${matrix.getUserId()}: no first sync within ${FIRST_SYNC_TIMEOUT_MS} ms (sync state: ${lastState})`));
    }, FIRST_SYNC_TIMEOUT_MS);
    const onSync = (state: SyncState): void => {
      lastState = state;
      if (state !== SyncState.Prepared) return;
      clearTimeout(timer);
      matrix.off(ClientEvent.Sync, onSync);
      resolve();
    };
    matrix.on(ClientEvent.Sync, onSync);
  });
}
