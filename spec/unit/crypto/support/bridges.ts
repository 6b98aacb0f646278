// Engines on the fake key server, each acting for the users under its own prefix (a bridge of
// its own): what one engine's ghost sends, another engine's ghost receives, with real Olm and Megolm.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RoomEvent, ToDeviceEvent } from "../../../../src/matrix/appservice/transaction-body";
import { type CryptoEngine, createCryptoEngine } from "../../../../src/matrix/crypto";
import { openStore, type Store } from "../../../../src/store";
import { registerTeardown } from "../../../support/fixtures";
import type { FakeKeyServer } from "./fake-key-server";

export const PICKLE_KEY = "unit test pickle key";

export interface Clock {
  now: number;
}

export interface TestBridge {
  engine: CryptoEngine;
  store: Store;
  prefix: string;
  botUserId: string;
  user(name: string): string;
  /** Feeds the engine the to-device messages queued for its users; returns them. */
  deliver(): Promise<ToDeviceEvent[]>;
}

export interface BridgeOptions {
  clock?: Clock;
  /** an SQLite file to keep the store in (to open a second engine on it) */
  databasePath?: string;
  pickleKey?: string;
  /** a store opened by the caller (another database type) */
  store?: Store;
}

export async function startBridge(server: FakeKeyServer, prefix: string, options: BridgeOptions = {}): Promise<TestBridge> {
  const store = options.store ?? (await openStore({ type: "sqlite", path: options.databasePath ?? ":memory:" }));
  registerTeardown(() => store.close());
  const botUserId = `@${prefix}bot:fake`;
  const ours = (userId: string) => userId.startsWith(`@${prefix}`);
  const engine = await createCryptoEngine({
    store,
    client: server.client(),
    botUserId,
    pickleKey: options.pickleKey ?? PICKLE_KEY,
    isOurUser: ours,
    ensureRegistered: async (userId) => {
      server.registered.add(userId);
    },
    now: options.clock ? () => options.clock!.now : undefined,
  });
  return {
    engine,
    store,
    prefix,
    botUserId,
    user: (name) => `@${prefix}${name}:fake`,
    async deliver() {
      const events = server.takeToDevice((event) => ours(event.to_user_id));
      await engine.handleToDevice(events);
      return events;
    },
  };
}

/** A temporary directory for SQLite files, removed after the run. */
export async function tempDatabasePath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "switchboard-crypto-"));
  registerTeardown(() => rm(dir, { recursive: true, force: true }));
  return join(dir, "store.sqlite");
}

let eventCounter = 0;

/** The room event the homeserver would deliver for content a ghost sent. */
export function roomEvent(roomId: string, sender: string, content: Record<string, unknown>, eventId?: string): RoomEvent {
  return { type: "m.room.encrypted", room_id: roomId, sender, event_id: eventId ?? `$event${++eventCounter}`, content };
}

/** Puts members into an encrypted room on the fake server and tells every engine about the encryption. */
export async function encryptedRoom(
  server: FakeKeyServer,
  roomId: string,
  members: Record<string, string>,
  bridges: readonly TestBridge[],
  settings: Record<string, unknown> = {},
): Promise<void> {
  const content = { algorithm: "m.megolm.v1.aes-sha2", ...settings };
  server.setState(roomId, "m.room.encryption", content);
  for (const [userId, membership] of Object.entries(members)) server.setMembership(roomId, userId, membership);
  for (const bridge of bridges) await bridge.engine.setRoomEncryption(roomId, content);
}
