// A member logs in on a second device after a ghost already spoke: once the bridge hears of the
// device (device_lists.changed in a transaction), that device gets the ghost's room key from index 0
// (the room's history is "shared") and reads the earlier messages, on a real Synapse with
// matrix-js-sdk's Rust crypto; the first device goes on as before. Likewise a member who held the key
// from a later index while invited gets it from index 0 on joining (clients take an earlier index).
import assert from "node:assert/strict";
import { join } from "node:path";
import type { MatrixEvent } from "matrix-js-sdk";
import { EventShieldColour } from "matrix-js-sdk/lib/crypto-api/index.js";
import { type CryptoEngine, createCryptoEngine } from "../../../src/matrix/crypto";
import { enc } from "../../../src/matrix/homeserver-client";
import { openStore } from "../../../src/store";
import { loginWithPassword } from "../../e2e/harness/admin-register";
import { TestClient } from "../../e2e/harness/client";
import { uniqueLocalpart } from "../../e2e/harness/unique-localpart";
import { registerTeardown } from "../../support/fixtures";
import { AppserviceListener } from "./support/appservice-listener";
import { type CryptoSynapse, startCryptoSynapse } from "./support/synapse-setup";

const SETUP_TIMEOUT_MS = 10 * 60 * 1000;
const WAIT_MS = 15_000;

describe("crypto engine with Synapse: a member's device that appears after the ghost spoke", function () {
  this.timeout(60_000);

  let hs: CryptoSynapse;
  let listener: AppserviceListener;
  let engine: CryptoEngine;
  let alice: TestClient;
  let roomId: string;
  let ghost: string;
  let txnCounter = 0;
  /** "user membership" for every member event the bridge handled */
  const membershipsSeen: string[] = [];

  before(async function () {
    this.timeout(SETUP_TIMEOUT_MS);
    listener = await AppserviceListener.start();
    hs = await startCryptoSynapse(listener);
    const store = await openStore({ type: "sqlite", path: join(hs.tempDir, "bridge.sqlite") });
    registerTeardown(() => store.close());
    engine = await createCryptoEngine({
      store,
      client: hs.client,
      botUserId: hs.botUserId,
      pickleKey: "integration pickle key",
      isOurUser: hs.isOurUser,
      ensureRegistered: (userId) => hs.ensureRegistered(userId),
    });
    listener.handler = async (txn) => {
      await engine.handleDeviceLists(txn.deviceLists.changed, txn.deviceLists.left);
      await engine.handleToDevice(txn.toDevice);
      await engine.handleKeyCounts(txn.oneTimeKeyCounts, txn.unusedFallbackKeyTypes);
      for (const event of txn.events) {
        if (event.type === "m.room.encryption" && event.state_key === "") await engine.setRoomEncryption(event.room_id, event.content);
        if (event.type === "m.room.member" && event.state_key) {
          await engine.handleMembership(event.room_id, event.state_key, String(event.content.membership));
          membershipsSeen.push(`${event.state_key} ${String(event.content.membership)}`);
        }
        if (event.type === "m.room.history_visibility" && event.state_key === "") {
          await engine.handleHistoryVisibility(event.room_id, String(event.content.history_visibility));
        }
      }
    };

    alice = await TestClient.start(hs.synapse.url, await hs.synapse.registerUser(uniqueLocalpart("alice")), { crypto: true });
    ghost = hs.ghost(uniqueLocalpart("ghost").replace(/-/g, "_"));
    await hs.ensureRegistered(ghost);
    const created = await alice.matrix.createRoom({
      invite: [ghost],
      initial_state: [
        { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
        { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
      ],
    });
    roomId = created.room_id;
    await hs.client.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, { userId: ghost, body: {} });
    await alice.waitForMembership(roomId, ghost, "join", WAIT_MS);
  });

  after(function () {
    alice?.stop();
    assert.deepEqual(listener?.failures ?? [], [], "every transaction was handled");
  });

  async function sendAsGhost(body: string): Promise<string> {
    const { content, deviceId } = await engine.encryptRoomEvent(ghost, roomId, "m.room.message", { msgtype: "m.text", body });
    const path = `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.encrypted/nd${++txnCounter}${Date.now()}`;
    const { event_id: eventId } = await hs.client.request<{ event_id: string }>("PUT", path, { userId: ghost, deviceId, body: content });
    return eventId;
  }

  async function assertReads(client: TestClient, eventId: string, body: string): Promise<MatrixEvent> {
    const event = await client.waitForClearEvent(roomId, eventId, WAIT_MS);
    assert.equal(event.getContent().body, body);
    const info = await client.matrix.getCrypto()!.getEncryptionInfoForEvent(event);
    assert.equal(info?.shieldColour, EventShieldColour.NONE, `shield ${info?.shieldColour} (${info?.shieldReason}) on ${client.user.deviceId}`);
    return event;
  }

  /** Waits until the homeserver lists the device's keys (the client uploads them after logging in). */
  async function deviceKeysPublished(userId: string, deviceId: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const response = await hs.client.request<{ device_keys?: Record<string, Record<string, unknown>> }>("POST", "/_matrix/client/v3/keys/query", {
        userId: hs.botUserId,
        body: { device_keys: { [userId]: [] } },
      });
      if (response.device_keys?.[userId]?.[deviceId]) return;
      assert.ok(Date.now() < deadline, `${deviceId} never published its keys`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("the second device reads the messages sent before it existed; the first device is unaffected", async function () {
    const bodies = ["before the second phone 1", "before the second phone 2", "before the second phone 3"];
    const early: string[] = [];
    for (const body of bodies) early.push(await sendAsGhost(body));
    const sessionId = (await assertReads(alice, early[0], bodies[0])).getWireContent().session_id;

    const second = await TestClient.start(hs.synapse.url, await loginWithPassword(hs.synapse.url, alice.user), { crypto: true });
    await deviceKeysPublished(alice.userId, second.user.deviceId);
    // What a transaction's device_lists.changed does (Synapse sends one too; sharing twice is a no-op).
    await engine.handleDeviceLists([alice.userId], []);

    for (const [i, eventId] of early.entries()) await assertReads(second, eventId, bodies[i]);

    for (const [i, eventId] of early.entries()) await assertReads(alice, eventId, bodies[i]);
    const later = await sendAsGhost("after the second phone");
    const seenFirst = await assertReads(alice, later, "after the second phone");
    await assertReads(second, later, "after the second phone");
    assert.equal(seenFirst.getWireContent().session_id, sessionId, "the same room key: nothing rotated");
    second.stop();
  });

  it("a member who got the key at a later index while invited reads the earlier messages once joined", async function () {
    const bob = await TestClient.start(hs.synapse.url, await hs.synapse.registerUser(uniqueLocalpart("bob")), { crypto: true });
    await deviceKeysPublished(bob.userId, bob.user.deviceId);
    const before = [await sendAsGhost("before bob was invited 1"), await sendAsGhost("before bob was invited 2")];
    await alice.matrix.invite(roomId, bob.userId);
    await waitFor(() => membershipsSeen.includes(`${bob.userId} invite`));
    const whileInvited = await sendAsGhost("while bob was invited");

    await bob.joinRoom(roomId);
    await waitFor(() => membershipsSeen.includes(`${bob.userId} join`));

    await assertReads(bob, whileInvited, "while bob was invited");
    await assertReads(bob, before[0], "before bob was invited 1");
    await assertReads(bob, before[1], "before bob was invited 2");
    bob.stop();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    assert.ok(Date.now() < deadline, "condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
