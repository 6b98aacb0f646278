import assert from "node:assert/strict";
import type { ToDeviceEvent } from "../../../src/matrix/appservice/transaction-body";
import { SeedCipher } from "../../../src/matrix/crypto/keys/seed-cipher";
import { openInitialKey } from "../../../src/matrix/crypto/megolm/initial-keys";
import { type CryptoPrimitives, loadLibolm } from "../../../src/matrix/crypto/olm";
import { encryptedRoom, PICKLE_KEY, startBridge, tempDatabasePath, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";
import { HandPeer } from "./support/hand-peer";

const ROOM = "!room:fake";
const BOB = "@bob:fake";

interface RoomKey {
  roomId: string;
  sessionId: string;
  sessionKey: string;
}

describe("crypto: room keys for devices that appear later", function () {
  let olm: CryptoPrimitives;
  let server: FakeKeyServer;
  let path: string;
  let a: TestBridge;
  let ghost: string;
  let phone: HandPeer;

  before(async function () {
    olm = await loadLibolm();
  });

  beforeEach(async function () {
    server = new FakeKeyServer();
    path = await tempDatabasePath();
    a = await startBridge(server, "a_", { databasePath: path });
    ghost = a.user("ghost");
    phone = HandPeer.create(olm, server, BOB, "PHONE");
    await encryptedRoom(server, ROOM, { [ghost]: "join", [BOB]: "join" }, [a]);
  });

  async function send(body: string, roomId = ROOM): Promise<{ ciphertext: string; sessionId: string }> {
    const { content } = await a.engine.encryptRoomEvent(ghost, roomId, "m.room.message", { msgtype: "m.text", body });
    return { ciphertext: String(content.ciphertext), sessionId: String(content.session_id) };
  }

  async function sendThree(): Promise<{ ciphertext: string; sessionId: string }[]> {
    const sent = [await send("one"), await send("two"), await send("three")];
    assert.equal(new Set(sent.map((s) => s.sessionId)).size, 1);
    return sent;
  }

  /** The room keys the to-device queue holds for `peer` (taken off the queue). */
  function roomKeysFor(peer: HandPeer): RoomKey[] {
    const events = server.takeToDevice((e: ToDeviceEvent) => e.to_user_id === peer.userId && e.to_device_id === peer.deviceId);
    return events.map((event) => {
      assert.equal(event.type, "m.room.encrypted");
      const payload = peer.receive(event) as { type: string; content: { room_id: string; session_id: string; session_key: string } };
      assert.equal(payload.type, "m.room_key");
      return { roomId: payload.content.room_id, sessionId: payload.content.session_id, sessionKey: payload.content.session_key };
    });
  }

  /** What a device holding `key` reads of the messages: first known index and bodies (null when unreadable). */
  function read(key: RoomKey, messages: readonly { ciphertext: string }[]): { firstKnownIndex: number; bodies: (string | null)[] } {
    const inbound = olm.createMegolmInbound(key.sessionKey);
    try {
      const bodies = messages.map((m) => {
        try {
          return String((JSON.parse(inbound.decrypt(m.ciphertext).plaintext) as { content: { body: string } }).content.body);
        } catch {
          return null;
        }
      });
      return { firstKnownIndex: inbound.firstKnownIndex(), bodies };
    } finally {
      inbound.free();
    }
  }

  async function shareIndex(sessionId: string, peer: HandPeer): Promise<number | undefined> {
    return (await a.store.crypto.outboundGroupSessions.getShare(sessionId, peer.userId, peer.deviceId))?.messageIndex;
  }

  it("shares with a member's new device from index 0 when history is shared, as soon as the device list changes", async function () {
    const sent = await sendThree();
    assert.equal(roomKeysFor(phone).length, 1, "the first device had the key");
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");

    await a.engine.handleDeviceLists([BOB], []);

    const [key, ...more] = roomKeysFor(laptop);
    assert.deepEqual(more, [], "one room key");
    assert.equal(key.sessionId, sent[0].sessionId);
    assert.deepEqual(read(key, sent), { firstKnownIndex: 0, bodies: ["one", "two", "three"] });
    assert.equal(await shareIndex(key.sessionId, laptop), 0, "recorded at index 0");
    assert.deepEqual(roomKeysFor(phone), [], "nothing again for the first device");
    const next = await send("four");
    assert.equal(next.sessionId, key.sessionId, "no rotation");
    assert.deepEqual(server.takeToDevice(), [], "nobody needs a key for the next message");
  });

  it("shares at the current index when history is visible to joined members only", async function () {
    await a.engine.handleHistoryVisibility(ROOM, "joined");
    const sent = await sendThree();
    roomKeysFor(phone);
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");

    await a.engine.handleDeviceLists([BOB], []);

    const [key] = roomKeysFor(laptop);
    assert.deepEqual(read(key, sent), { firstKnownIndex: 3, bodies: [null, null, null] });
    assert.equal(await shareIndex(key.sessionId, laptop), 3);
    assert.deepEqual(read(key, [await send("four")]).bodies, ["four"]);
  });

  it("shares at the current index with an invited member's device, and from index 0 again once the member joins", async function () {
    const carol = "@carol:fake";
    server.setMembership(ROOM, carol, "invite");
    const sent = await sendThree();
    const carolPhone = HandPeer.create(olm, server, carol, "CPHONE");
    await a.engine.handleMembership(ROOM, carol, "invite");
    await a.engine.handleDeviceLists([carol], []);
    const [invited] = roomKeysFor(carolPhone);
    assert.equal(read(invited, sent).firstKnownIndex, 3);
    assert.equal(await shareIndex(invited.sessionId, carolPhone), 3);

    server.setMembership(ROOM, carol, "join");
    await a.engine.handleMembership(ROOM, carol, "join");
    const [joined, ...more] = roomKeysFor(carolPhone);
    assert.deepEqual(more, []);
    assert.equal(joined.sessionId, invited.sessionId);
    assert.deepEqual(read(joined, sent), { firstKnownIndex: 0, bodies: ["one", "two", "three"] });
    assert.equal(await shareIndex(joined.sessionId, carolPhone), 0);
    await a.engine.handleMembership(ROOM, carol, "join");
    assert.deepEqual(roomKeysFor(carolPhone), [], "once");
  });

  it("does not share again from index 0 on joining when history is visible to joined members only", async function () {
    const carol = "@carol:fake";
    await a.engine.handleHistoryVisibility(ROOM, "joined");
    server.setMembership(ROOM, carol, "join");
    await a.engine.handleMembership(ROOM, carol, "join");
    const carolPhone = HandPeer.create(olm, server, carol, "CPHONE");
    const sent = await sendThree();
    const [first] = roomKeysFor(carolPhone);
    assert.equal(read(first, sent).firstKnownIndex, 0, "she was there from the start");
    const carolLaptop = HandPeer.create(olm, server, carol, "CLAPTOP");
    await a.engine.handleDeviceLists([carol], []);
    assert.equal(read(roomKeysFor(carolLaptop)[0], sent).firstKnownIndex, 3);
    await a.engine.handleMembership(ROOM, carol, "join");
    assert.deepEqual(roomKeysFor(carolLaptop), []);
  });

  it("shares at the current index a session kept from before initial keys were stored", async function () {
    const sent = await sendThree();
    await a.store.dataSource.query("UPDATE crypto_outbound_group_sessions SET initial_key = NULL");
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");
    await a.engine.handleDeviceLists([BOB], []);
    assert.equal(read(roomKeysFor(laptop)[0], sent).firstKnownIndex, 3);
  });

  it("gives a member who joins later the live session from index 0 as the join is seen", async function () {
    const dave = "@dave:fake";
    const davePhone = HandPeer.create(olm, server, dave, "DPHONE");
    const sent = await sendThree();
    roomKeysFor(phone);
    server.setMembership(ROOM, dave, "join");
    await a.engine.handleMembership(ROOM, dave, "join");
    const [key] = roomKeysFor(davePhone);
    sent.push(await send("four"));
    assert.deepEqual(read(key, sent), { firstKnownIndex: 0, bodies: ["one", "two", "three", "four"] });
    assert.deepEqual(server.takeToDevice(), [], "nothing more with the next message");
  });

  it("shares only sessions of rooms the user is in, and does nothing for users in no encrypted room with us", async function () {
    const carol = "@carol:fake";
    await encryptedRoom(server, "!other:fake", { [ghost]: "join", [carol]: "join" }, [a]);
    HandPeer.create(olm, server, carol, "CPHONE");
    await send("in the room");
    await send("in the other room", "!other:fake");
    server.takeToDevice();
    const carolLaptop = HandPeer.create(olm, server, carol, "CLAPTOP");

    await a.engine.handleDeviceLists([carol], []);
    assert.deepEqual(roomKeysFor(carolLaptop).map((k) => k.roomId), ["!other:fake"]);

    const requests = server.requests.length;
    await a.engine.handleDeviceLists(["@stranger:fake", a.user("someone")], []);
    assert.equal(server.requests.length, requests, "no request at all");
    assert.deepEqual(server.takeToDevice(), []);
  });

  it("forgets a ghost's session when the ghost leaves: nothing of it is shared afterwards", async function () {
    await sendThree();
    roomKeysFor(phone);
    server.setMembership(ROOM, ghost, "leave");
    await a.engine.handleMembership(ROOM, ghost, "leave");
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");
    await a.engine.handleDeviceLists([BOB], []);
    assert.deepEqual(roomKeysFor(laptop), []);
  });

  it("after a restart, finds the sessions a user's devices hold; a room the homeserver refuses does not stop the others", async function () {
    await encryptedRoom(server, "!other:fake", { [ghost]: "join", [BOB]: "join" }, [a]);
    const sent = await sendThree();
    const other = await send("in the other room", "!other:fake");
    roomKeysFor(phone);
    await a.store.close();
    const restarted = await startBridge(server, "a_", { databasePath: path });
    server.membersForbidden.add(ROOM);
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");

    await restarted.engine.handleDeviceLists([BOB], []);

    const keys = roomKeysFor(laptop);
    assert.deepEqual(keys.map((k) => k.roomId), ["!other:fake"]);
    assert.deepEqual(read(keys[0], [other]).bodies, ["in the other room"]);
    server.membersForbidden.delete(ROOM);
    await restarted.engine.handleDeviceLists([BOB], []);
    assert.deepEqual(read(roomKeysFor(laptop)[0], sent).bodies, ["one", "two", "three"], "and once it answers, that room's too");
  });

  it("shares once when the device list change and a message race for the room", async function () {
    const sent = await sendThree();
    roomKeysFor(phone);
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");
    const [, fourth] = await Promise.all([a.engine.handleDeviceLists([BOB], []), send("four")]);
    const keys = roomKeysFor(laptop);
    assert.equal(keys.length, 1, "one room key, not one per path");
    assert.deepEqual(read(keys[0], [...sent, fourth]).bodies, ["one", "two", "three", "four"]);
  });

  it("keeps the initial key sealed: not in the clear, and unreadable with another pickle key", async function () {
    await sendThree();
    const [original] = roomKeysFor(phone);
    const record = (await a.store.crypto.outboundGroupSessions.get({ roomId: ROOM, userId: ghost, deviceId: await a.engine.ensureUserDevice(ghost) }))!;
    const sealed = record.initialKey ?? "";
    assert.ok(sealed.startsWith("v1:"), "sealed");
    assert.equal(sealed.includes(original.sessionKey), false);
    assert.equal(openInitialKey(new SeedCipher(PICKLE_KEY), record), original.sessionKey, "the key shared at index 0");
    assert.equal(openInitialKey(new SeedCipher("another pickle key"), record), null);
    assert.equal(openInitialKey(new SeedCipher(PICKLE_KEY), { ...record, sessionId: "another session" }), null, "bound to its row");
  });

  it("still shares from index 0 after a restart", async function () {
    const sent = await sendThree();
    roomKeysFor(phone);
    await a.store.close();
    const restarted = await startBridge(server, "a_", { databasePath: path });
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");

    await restarted.engine.handleDeviceLists([BOB], []);

    assert.deepEqual(read(roomKeysFor(laptop)[0], sent), { firstKnownIndex: 0, bodies: ["one", "two", "three"] });
  });

  it("shares nothing when restarted with another pickle key", async function () {
    await sendThree();
    roomKeysFor(phone);
    await a.store.close();
    const wrongKey = await startBridge(server, "a_", { databasePath: path, pickleKey: "another pickle key" });
    const laptop = HandPeer.create(olm, server, BOB, "LAPTOP");
    await assert.rejects(wrongKey.engine.handleDeviceLists([BOB], []));
    assert.deepEqual(roomKeysFor(laptop), []);
  });

  it("starts a new session when the history visibility changes, so no session spans two visibilities", async function () {
    const before = await send("under shared");
    await a.engine.handleHistoryVisibility(ROOM, "shared");
    assert.equal((await send("still shared")).sessionId, before.sessionId, "the same visibility again changes nothing");
    await a.engine.handleHistoryVisibility(ROOM, "joined");
    assert.notEqual((await send("under joined")).sessionId, before.sessionId);
  });
});
