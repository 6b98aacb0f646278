import assert from "node:assert/strict";
import { MissingRoomKeyError } from "../../../src/matrix/crypto";
import { checkDeviceKeys } from "../../../src/matrix/crypto/devices/verify-device-keys";
import { type CryptoPrimitives, loadLibolm } from "../../../src/matrix/crypto/olm";
import { encryptedRoom, startBridge, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";
import { HandPeer } from "./support/hand-peer";

const ROOM = "!room:fake";
type Json = Record<string, unknown>;

describe("crypto: checking other devices' keys", function () {
  let olm: CryptoPrimitives;
  let server: FakeKeyServer;
  const verify = (key: string, message: string, signature: string) => olm.verifyEd25519(key, message, signature);

  before(async function () {
    olm = await loadLibolm();
  });
  beforeEach(function () {
    server = new FakeKeyServer();
  });

  it("accepts self-signed keys that name the user and device they are listed under", function () {
    const peer = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const check = checkDeviceKeys(peer.deviceKeys, "@bob:fake", "BOBDEV", verify);
    assert.ok(check.ok);
    assert.equal(check.ed25519Key, peer.ed25519Key);
    assert.equal(check.curve25519Key, peer.curve25519Key);
  });

  it("refuses keys with a bad signature", function () {
    const peer = HandPeer.create(olm, server, "@bob:fake", "BOBDEV", {
      tamper: (keys) => ({ ...keys, keys: { ...(keys.keys as Json), "curve25519:BOBDEV": "AAAA" + String((keys.keys as Json)["curve25519:BOBDEV"]).slice(4) } }),
    });
    const check = checkDeviceKeys(peer.deviceKeys, "@bob:fake", "BOBDEV", verify);
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.reason : "", /not signed/);
  });

  it("refuses keys listed under another user or device than they name", function () {
    const peer = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    assert.equal(checkDeviceKeys(peer.deviceKeys, "@carol:fake", "BOBDEV", verify).ok, false);
    assert.equal(checkDeviceKeys(peer.deviceKeys, "@bob:fake", "OTHERDEV", verify).ok, false);
    assert.equal(checkDeviceKeys({ ...peer.deviceKeys, keys: {} }, "@bob:fake", "BOBDEV", verify).ok, false);
  });
});

describe("crypto: Olm to-device messages", function () {
  let olm: CryptoPrimitives;
  let server: FakeKeyServer;
  let bridge: TestBridge;
  let botDevice: string;

  before(async function () {
    olm = await loadLibolm();
  });

  beforeEach(async function () {
    server = new FakeKeyServer();
    bridge = await startBridge(server, "a_");
    botDevice = await bridge.engine.ensureBotDevice();
    await encryptedRoom(server, ROOM, { [bridge.botUserId]: "join", "@bob:fake": "join", "@mallory:fake": "join" }, [bridge]);
  });

  /** Sends a room key from `peer` to the bot and checks whether an event of that session then decrypts. */
  async function roomKeyAccepted(peer: HandPeer, payload: Json = {}, eventSender?: string, deviceKnown = true): Promise<boolean> {
    const session = peer.megolm();
    await bridge.engine.handleToDevice([peer.olmTo(bridge.botUserId, botDevice, "m.room_key", peer.roomKey(session, ROOM), payload, eventSender)]);
    const event = peer.megolmEvent(session, ROOM, "secret", `$e${Math.random()}`);
    try {
      const decrypted = await bridge.engine.decryptRoomEvent(event);
      assert.equal(decrypted.content.body, "secret");
      if (deviceKnown) assert.equal(decrypted.senderDevice, peer.deviceId);
      return true;
    } catch (err) {
      if (err instanceof MissingRoomKeyError) return false;
      throw err;
    }
  }

  it("imports a room key from a known device (the baseline for the checks below)", async function () {
    assert.equal(await roomKeyAccepted(HandPeer.create(olm, server, "@bob:fake", "BOBDEV")), true);
  });

  it("refuses a payload that claims another device's ed25519 key (forged sender key)", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const mallory = HandPeer.create(olm, server, "@bob:fake", "MALLORYDEV");
    assert.equal(await roomKeyAccepted(mallory, { keys: { ed25519: bob.ed25519Key } }), false);
  });

  it("refuses a message whose sender_key is not the key its session belongs to", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const mallory = HandPeer.create(olm, server, "@bob:fake", "MALLORYDEV");
    const session = mallory.megolm();
    const event = mallory.olmTo(bridge.botUserId, botDevice, "m.room_key", mallory.roomKey(session, ROOM));
    const ciphertext = (event.content as { ciphertext: Json }).ciphertext;
    await bridge.engine.handleToDevice([{ ...event, content: { ...event.content, sender_key: bob.curve25519Key, ciphertext } }]);
    await assert.rejects(bridge.engine.decryptRoomEvent(mallory.megolmEvent(session, ROOM, "x", "$forged")), MissingRoomKeyError);
  });

  it("refuses a payload naming another sender than the homeserver delivered it from", async function () {
    const mallory = HandPeer.create(olm, server, "@mallory:fake", "MDEV");
    assert.equal(await roomKeyAccepted(mallory, { sender: "@bob:fake" }), false);
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    assert.equal(await roomKeyAccepted(bob, {}, "@mallory:fake"), false, "payload says bob, homeserver says mallory");
  });

  it("refuses a payload meant for another recipient or recipient key", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    assert.equal(await roomKeyAccepted(bob, { recipient: "@a_other:fake" }), false);
    const otherBob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV2");
    assert.equal(await roomKeyAccepted(otherBob, { recipient_keys: { ed25519: bob.ed25519Key } }), false);
  });

  it("refuses room keys from a device whose published keys have a bad signature", async function () {
    const peer = HandPeer.create(olm, server, "@bob:fake", "BOBDEV", {
      tamper: (keys) => ({ ...keys, algorithms: ["m.olm.v1.curve25519-aes-sha2"] }),
    });
    assert.equal(await roomKeyAccepted(peer), false);
  });

  it("refuses room keys from a device listed under another device id than its keys name", async function () {
    const peer = HandPeer.create(olm, server, "@bob:fake", "BOBDEV", { listAs: "LISTEDDEV" });
    assert.equal(await roomKeyAccepted(peer), false);
  });

  it("takes a device it cannot look up from the signed device keys in the payload (MSC4147), and not a forged one", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    server.deleteDevice("@bob:fake", "BOBDEV");
    assert.equal(await roomKeyAccepted(bob, { sender_device_keys: bob.deviceKeys }, undefined, false), true);
    const carol = HandPeer.create(olm, server, "@carol:fake", "CDEV");
    server.deleteDevice("@carol:fake", "CDEV");
    const forged = { ...carol.deviceKeys, algorithms: [] };
    assert.equal(await roomKeyAccepted(carol, { sender_device_keys: forged }, undefined, false), false);
  });

  it("keeps the lowest index of a session and ignores a later copy", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV");
    const session = bob.megolm();
    const earlyKey = bob.roomKey(session, ROOM);
    const first = bob.megolmEvent(session, ROOM, "first", "$first");
    bob.megolmEvent(session, ROOM, "second", "$second");
    const lateKey = bob.roomKey(session, ROOM);
    await bridge.engine.handleToDevice([bob.olmTo(bridge.botUserId, botDevice, "m.room_key", lateKey)]);
    await assert.rejects(bridge.engine.decryptRoomEvent(first), (err: unknown) => err instanceof MissingRoomKeyError && err.laterIndexOnly);
    await bridge.engine.handleToDevice([bob.olmTo(bridge.botUserId, botDevice, "m.room_key", earlyKey)]);
    assert.equal((await bridge.engine.decryptRoomEvent(first)).content.body, "first");
    await bridge.engine.handleToDevice([bob.olmTo(bridge.botUserId, botDevice, "m.room_key", lateKey)]);
    assert.equal((await bridge.engine.decryptRoomEvent(first)).content.body, "first", "the later copy did not replace it");
  });

  it("answers a message from a session it does not have with a new session (unwedging)", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV", { oneTimeKeys: 5 });
    const ghost = bridge.user("ghost");
    server.setMembership(ROOM, ghost, "join");
    await bridge.engine.encryptRoomEvent(ghost, ROOM, "m.room.message", { body: "hi" });
    const ghostDevice = await bridge.engine.ensureUserDevice(ghost);
    const [roomKey] = server.takeToDevice((e) => e.to_user_id === "@bob:fake");
    assert.equal(bob.receive(roomKey).type, "m.room_key");
    // The engine loses its Olm sessions (say, a database restored from an old backup); bob's reply
    // is a normal (type 1) message on the session only bob still has.
    await bridge.store.dataSource.query("DELETE FROM crypto_olm_sessions");
    const reply = bob.olmTo(ghost, ghostDevice, "m.dummy", {});
    assert.equal((reply.content as { ciphertext: Record<string, { type: number }> }).ciphertext[Object.keys((reply.content as { ciphertext: Json }).ciphertext)[0]].type, 1);
    await bridge.engine.handleToDevice([reply]);
    await waitFor(() => server.toDevice.some((e) => e.to_user_id === "@bob:fake"));
    const [dummy] = server.takeToDevice((e) => e.to_user_id === "@bob:fake");
    assert.equal(bob.receive(dummy).type, "m.dummy");
  });

  it("reuses its Olm session with a device for later room keys (one claim)", async function () {
    const bob = HandPeer.create(olm, server, "@bob:fake", "BOBDEV", { oneTimeKeys: 5 });
    const ghost = bridge.user("ghost");
    server.setMembership(ROOM, ghost, "join");
    await bridge.engine.encryptRoomEvent(ghost, ROOM, "m.room.message", { body: "1" });
    await bridge.engine.handleMembership(ROOM, "@mallory:fake", "leave");
    server.setMembership(ROOM, "@mallory:fake", "leave");
    await bridge.engine.encryptRoomEvent(ghost, ROOM, "m.room.message", { body: "2" });
    const shared = server.takeToDevice((e) => e.to_user_id === "@bob:fake");
    assert.equal(shared.length, 2, "a key for each session");
    assert.equal(server.oneTimeKeyCount("@bob:fake", "BOBDEV"), 4, "one one-time key claimed");
    const keys = shared.map((event) => bob.receive(event));
    assert.deepEqual(keys.map((k) => k.type), ["m.room_key", "m.room_key"]);
    assert.notEqual((keys[0].content as Json).session_id, (keys[1].content as Json).session_id);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
