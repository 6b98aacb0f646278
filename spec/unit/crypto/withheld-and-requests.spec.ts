import assert from "node:assert/strict";
import { MissingRoomKeyError } from "../../../src/matrix/crypto";
import { KEY_REQUEST_INTERVAL_MS } from "../../../src/matrix/crypto/megolm/key-requests";
import { type CryptoPrimitives, loadLibolm } from "../../../src/matrix/crypto/olm";
import { type Clock, encryptedRoom, startBridge, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";
import { HandPeer } from "./support/hand-peer";

const ROOM = "!room:fake";
type Json = Record<string, unknown>;

describe("crypto: withholding and requesting room keys", function () {
  let olm: CryptoPrimitives;
  let server: FakeKeyServer;
  let clock: Clock;
  let bridge: TestBridge;
  let ghost: string;
  let botDevice: string;

  before(async function () {
    olm = await loadLibolm();
  });

  beforeEach(async function () {
    server = new FakeKeyServer();
    clock = { now: 1_800_000_000_000 };
    bridge = await startBridge(server, "a_", { clock });
    ghost = bridge.user("ghost");
    botDevice = await bridge.engine.ensureBotDevice();
    await encryptedRoom(server, ROOM, { [ghost]: "join", [bridge.botUserId]: "join", "@bob:fake": "join" }, [bridge]);
  });

  it("withholds the key (m.no_olm) from a device without one-time or fallback keys, and shares with the rest", async function () {
    const reachable = HandPeer.create(olm, server, "@bob:fake", "PHONE");
    HandPeer.create(olm, server, "@bob:fake", "NOKEYS", { oneTimeKeys: 0 });
    await bridge.engine.encryptRoomEvent(ghost, ROOM, "m.room.message", { body: "hi" });
    const sent = server.takeToDevice();
    const byDevice = new Map(sent.map((e) => [e.to_device_id, e]));
    assert.equal(byDevice.get("PHONE")?.type, "m.room.encrypted");
    assert.equal(reachable.receive(byDevice.get("PHONE")!).type, "m.room_key");
    const withheld = byDevice.get("NOKEYS");
    assert.equal(withheld?.type, "m.room_key.withheld");
    assert.equal(withheld?.content.code, "m.no_olm");
    assert.equal(withheld?.content.from_device, await bridge.engine.ensureUserDevice(ghost));
    assert.equal(withheld?.content.room_id, undefined, "m.no_olm is about the device, not one session");

    await bridge.engine.encryptRoomEvent(ghost, ROOM, "m.room.message", { body: "again" });
    assert.equal(server.takeToDevice().length, 0, "withheld once per session, not per message");
  });

  it("uses a fallback key when one-time keys ran out", async function () {
    const peer = HandPeer.create(olm, server, "@bob:fake", "FALLBACK", { oneTimeKeys: 0, fallbackKey: true });
    await bridge.engine.encryptRoomEvent(ghost, ROOM, "m.room.message", { body: "hi" });
    const [sent] = server.takeToDevice();
    assert.equal(sent.type, "m.room.encrypted");
    assert.equal(peer.receive(sent).type, "m.room_key");
  });

  it("explains a missing key with what the sender said it withheld", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const session = bob.megolm();
    await bridge.engine.handleToDevice([
      {
        type: "m.room_key.withheld",
        sender: "@bob:fake",
        to_user_id: bridge.botUserId,
        to_device_id: botDevice,
        content: { algorithm: "m.megolm.v1.aes-sha2", code: "m.unverified", reason: "not verified", room_id: ROOM, session_id: session.sessionId(), sender_key: bob.curve25519Key },
      },
    ]);
    await assert.rejects(bridge.engine.decryptRoomEvent(bob.megolmEvent(session, ROOM, "x", "$w")), (err: unknown) => {
      assert.ok(err instanceof MissingRoomKeyError);
      assert.deepEqual(err.withheld, { code: "m.unverified", reason: "not verified" });
      return true;
    });
  });

  it("asks the sender's device for a missing key once per interval, and takes the forwarded answer", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const session = bob.megolm();
    const key = bob.roomKey(session, ROOM);
    const event = bob.megolmEvent(session, ROOM, "lost key", "$lost");
    const error = await bridge.engine.decryptRoomEvent(event).catch((err: unknown) => err);
    assert.ok(error instanceof MissingRoomKeyError);

    await bridge.engine.requestRoomKey(error);
    await bridge.engine.requestRoomKey(error);
    const requests = server.takeToDevice();
    assert.equal(requests.length, 1, "asked once");
    const [request] = requests;
    assert.equal(request.type, "m.room_key_request");
    assert.equal(request.sender, bridge.botUserId);
    assert.deepEqual([request.to_user_id, request.to_device_id], ["@bob:fake", "BOBDEV"]);
    assert.equal(request.content.requesting_device_id, botDevice);
    assert.deepEqual(request.content.body, { algorithm: "m.megolm.v1.aes-sha2", room_id: ROOM, session_id: session.sessionId(), sender_key: bob.curve25519Key });

    clock.now += KEY_REQUEST_INTERVAL_MS;
    await bridge.engine.requestRoomKey(error);
    assert.equal(server.takeToDevice().length, 1, "asked again after the interval");

    const forwarded = forwardedKey(olm, key, bob);
    await bridge.engine.handleToDevice([bob.olmTo(bridge.botUserId, botDevice, "m.forwarded_room_key", forwarded)]);
    assert.equal((await bridge.engine.decryptRoomEvent(event)).content.body, "lost key");
  });

  it("ignores forwarded keys nobody asked for, or from someone else than who was asked", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const mallory = HandPeer.create(olm, server, "@mallory:fake", "MDEV");
    const session = bob.megolm();
    const key = bob.roomKey(session, ROOM);
    const event = bob.megolmEvent(session, ROOM, "x", "$x");
    await bridge.engine.handleToDevice([bob.olmTo(bridge.botUserId, botDevice, "m.forwarded_room_key", forwardedKey(olm, key, bob))]);
    await assert.rejects(bridge.engine.decryptRoomEvent(event), MissingRoomKeyError);

    const error = await bridge.engine.decryptRoomEvent(event).catch((err: unknown) => err);
    assert.ok(error instanceof MissingRoomKeyError);
    await bridge.engine.requestRoomKey(error);
    await bridge.engine.handleToDevice([mallory.olmTo(bridge.botUserId, botDevice, "m.forwarded_room_key", forwardedKey(olm, key, bob))]);
    await assert.rejects(bridge.engine.decryptRoomEvent(event), MissingRoomKeyError);
  });
});

/** An m.forwarded_room_key for `key` (an m.room_key content of `owner`'s session), exported at its first index. */
function forwardedKey(olm: CryptoPrimitives, key: Json, owner: HandPeer): Json {
  const inbound = olm.createMegolmInbound(String(key.session_key));
  try {
    return {
      algorithm: "m.megolm.v1.aes-sha2",
      room_id: key.room_id,
      session_id: key.session_id,
      session_key: inbound.exportAt(inbound.firstKnownIndex()),
      sender_key: owner.curve25519Key,
      sender_claimed_ed25519_key: owner.ed25519Key,
      forwarding_curve25519_key_chain: [],
    };
  } finally {
    inbound.free();
  }
}

