// The engine against a real Synapse, with matrix-js-sdk's Rust crypto (Element's engine) on the
// other side: ghosts' devices are cross-signed, their messages decrypt with no shield (also for a
// client that only trusts cross-signed devices), clients' messages decrypt in the engine.
import assert from "node:assert/strict";
import { join } from "node:path";
import { EventShieldColour, OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { RoomEvent } from "../../../src/matrix/appservice/transaction-body";
import { type CryptoEngine, createCryptoEngine, DecryptionError, MissingRoomKeyError } from "../../../src/matrix/crypto";
import { enc } from "../../../src/matrix/homeserver-client";
import { openStore, type Store } from "../../../src/store";
import { TestClient } from "../../e2e/harness/client";
import { uniqueLocalpart } from "../../e2e/harness/unique-localpart";
import { registerTeardown } from "../../support/fixtures";
import { AppserviceListener } from "./support/appservice-listener";
import { type CryptoSynapse, startCryptoSynapse } from "./support/synapse-setup";

const SETUP_TIMEOUT_MS = 10 * 60 * 1000;
const WAIT_MS = 15_000;

describe("crypto engine with Synapse and matrix-js-sdk (Rust crypto)", function () {
  this.timeout(60_000);

  let hs: CryptoSynapse;
  let listener: AppserviceListener;
  let store: Store;
  let engine: CryptoEngine;
  let alice: TestClient;
  let strictBob: TestClient;
  let roomId: string;
  let ghost: string;
  const roomEvents: RoomEvent[] = [];
  let txnCounter = 0;

  async function startEngine(): Promise<void> {
    store = await openStore({ type: "sqlite", path: join(hs.tempDir, "bridge.sqlite") });
    registerTeardown(() => store.close());
    engine = await createCryptoEngine({
      store,
      client: hs.client,
      botUserId: hs.botUserId,
      pickleKey: "integration pickle key",
      isOurUser: hs.isOurUser,
      ensureRegistered: (userId) => hs.ensureRegistered(userId),
    });
  }

  before(async function () {
    this.timeout(SETUP_TIMEOUT_MS);
    listener = await AppserviceListener.start();
    hs = await startCryptoSynapse(listener);
    await startEngine();
    // What the lead's transaction intake will do: device lists, to-device events and key counts to the engine, in that order.
    listener.handler = async (txn) => {
      await engine.handleDeviceLists(txn.deviceLists.changed, txn.deviceLists.left);
      await engine.handleToDevice(txn.toDevice);
      await engine.handleKeyCounts(txn.oneTimeKeyCounts, txn.unusedFallbackKeyTypes);
      for (const event of txn.events) {
        if (event.type === "m.room.encryption" && event.state_key === "") await engine.setRoomEncryption(event.room_id, event.content);
        if (event.type === "m.room.member" && event.state_key) await engine.handleMembership(event.room_id, event.state_key, String(event.content.membership));
        roomEvents.push(event);
      }
    };
    await engine.ensureBotDevice();

    const aliceUser = await hs.synapse.registerUser(uniqueLocalpart("alice"));
    alice = await TestClient.start(hs.synapse.url, aliceUser, { crypto: true });
    await alice.bootstrapCrossSigning();
    const bobUser = await hs.synapse.registerUser(uniqueLocalpart("bob"));
    strictBob = await TestClient.start(hs.synapse.url, bobUser, { crypto: true });
    await strictBob.bootstrapCrossSigning();
    strictBob.matrix.getCrypto()!.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());

    ghost = hs.ghost(uniqueLocalpart("ghost").replace(/-/g, "_"));
    await hs.ensureRegistered(ghost);
    const created = await alice.matrix.createRoom({
      invite: [hs.botUserId, ghost, strictBob.userId],
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    roomId = created.room_id;
    for (const userId of [hs.botUserId, ghost]) await hs.client.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, { userId, body: {} });
    await strictBob.joinRoom(roomId);
    for (const member of [hs.botUserId, ghost, strictBob.userId]) await alice.waitForMembership(roomId, member, "join", WAIT_MS);
    await strictBob.waitForMembership(roomId, ghost, "join", WAIT_MS);
  });

  after(function () {
    alice?.stop();
    strictBob?.stop();
    assert.deepEqual(listener?.failures ?? [], [], "every transaction was handled");
  });

  async function sendAsGhost(sender: string, body: string): Promise<string> {
    const { content, deviceId } = await engine.encryptRoomEvent(sender, roomId, "m.room.message", { msgtype: "m.text", body });
    const path = `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.encrypted/it${++txnCounter}${Date.now()}`;
    const { event_id: eventId } = await hs.client.request<{ event_id: string }>("PUT", path, { userId: sender, deviceId, body: content });
    return eventId;
  }

  async function assertNoShield(client: TestClient, eventId: string, body: string): Promise<void> {
    const event = await client.waitForClearEvent(roomId, eventId, WAIT_MS);
    assert.equal(event.getContent().body, body);
    const info = await client.matrix.getCrypto()!.getEncryptionInfoForEvent(event);
    assert.ok(info, "encryption info");
    assert.equal(info.shieldColour, EventShieldColour.NONE, `shield ${info.shieldColour} (${info.shieldReason}) for ${client.userId}`);
  }

  /** The engine's view of an event a client sent: waits for it (and its key) to arrive in transactions. */
  async function decryptInEngine(eventId: string) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const event = roomEvents.find((e) => e.event_id === eventId);
      if (event) {
        try {
          return { event, decrypted: await engine.decryptRoomEvent(event) };
        } catch (err) {
          if (!(err instanceof MissingRoomKeyError) || Date.now() > deadline) throw err;
        }
      } else if (Date.now() > deadline) {
        throw new Error(`event ${eventId} never reached the appservice`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("creates the ghost's device, uploads its keys and cross-signs it: clients see it signed by its owner", async function () {
    const deviceId = await engine.ensureUserDevice(ghost);
    const crypto = alice.matrix.getCrypto()!;
    // Alice's client learns of the new device from a device-list change in its sync; from the first
    // moment it sees the device, the device must be signed by its owner.
    const deadline = Date.now() + WAIT_MS;
    while (!(await crypto.getUserDeviceInfo([ghost], true)).get(ghost)?.has(deviceId)) {
      assert.ok(Date.now() < deadline, "alice sees the ghost's device");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const status = await crypto.getDeviceVerificationStatus(ghost, deviceId);
    assert.equal(status?.signedByOwner, true, "signed by its owner's self-signing key");
    assert.equal(status?.crossSigningVerified, false, "alice did not verify the ghost");
    const botStatus = await crypto.getDeviceVerificationStatus(hs.botUserId, await engine.ensureBotDevice());
    assert.equal(botStatus?.signedByOwner, true, "the bot's device too");
  });

  it("a ghost's message decrypts on the client with no shield, also for a client that only trusts cross-signed devices", async function () {
    const eventId = await sendAsGhost(ghost, "hello from the network");
    await assertNoShield(alice, eventId, "hello from the network");
    await assertNoShield(strictBob, eventId, "hello from the network");
  });

  it("a message a client encrypts decrypts in the engine (the client shared its key with the bot's device)", async function () {
    const eventId = await alice.sendText(roomId, "hello bridge");
    const { decrypted } = await decryptInEngine(eventId);
    assert.equal(decrypted.type, "m.room.message");
    assert.equal(decrypted.content.body, "hello bridge");
    assert.equal(decrypted.senderDevice, alice.user.deviceId);
  });

  it("so does one from a client that only shares with cross-signed devices", async function () {
    const eventId = await strictBob.sendText(roomId, "strict hello");
    const { decrypted } = await decryptInEngine(eventId);
    assert.equal(decrypted.content.body, "strict hello");
  });

  it("refuses a replayed message index", async function () {
    const eventId = await alice.sendText(roomId, "only once");
    const { event } = await decryptInEngine(eventId);
    await assert.rejects(engine.decryptRoomEvent({ ...event, event_id: "$replayed" }), (err: unknown) => err instanceof DecryptionError && err.code === "REPLAY");
  });

  it("keeps working after a restart: old sessions and new messages both ways", async function () {
    const before = await alice.sendText(roomId, "before restart");
    await decryptInEngine(before);
    await store.close();
    await startEngine();

    assert.equal((await engine.decryptRoomEvent(roomEvents.find((e) => e.event_id === before)!)).content.body, "before restart");
    const fromGhost = await sendAsGhost(ghost, "after restart");
    await assertNoShield(alice, fromGhost, "after restart");
    await assertNoShield(strictBob, fromGhost, "after restart");
    const fromAlice = await alice.sendText(roomId, "after restart, to the bridge");
    assert.equal((await decryptInEngine(fromAlice)).decrypted.content.body, "after restart, to the bridge");
  });

  it("a second ghost gets its own cross-signed device, and a member leaving rotates the key", async function () {
    const second = hs.ghost(uniqueLocalpart("second").replace(/-/g, "_"));
    await hs.ensureRegistered(second);
    await alice.matrix.invite(roomId, second);
    await hs.client.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, { userId: second, body: {} });
    await alice.waitForMembership(roomId, second, "join", WAIT_MS);
    const first = await sendAsGhost(second, "second ghost speaking");
    await assertNoShield(strictBob, first, "second ghost speaking");

    const firstSession = (await alice.waitForClearEvent(roomId, first, WAIT_MS)).getWireContent().session_id;
    await strictBob.matrix.leave(roomId);
    await waitFor(() => roomEvents.some((e) => e.type === "m.room.member" && e.state_key === strictBob.userId && e.content.membership === "leave"));
    const after = await sendAsGhost(second, "bob is gone");
    const afterEvent = await alice.waitForClearEvent(roomId, after, WAIT_MS);
    assert.equal(afterEvent.getContent().body, "bob is gone");
    assert.notEqual(afterEvent.getWireContent().session_id, firstSession, "a new room key after the leave");
  });
});

async function waitFor(condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
