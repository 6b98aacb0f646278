import assert from "node:assert/strict";
import { DecryptionError, MissingRoomKeyError } from "../../../src/matrix/crypto";
import { encryptedRoom, roomEvent, startBridge, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";

const ROOM = "!room:fake";

describe("crypto: Megolm between two engines", function () {
  let server: FakeKeyServer;
  let a: TestBridge;
  let b: TestBridge;
  let alice: string;
  let bob: string;

  beforeEach(async function () {
    server = new FakeKeyServer();
    a = await startBridge(server, "a_");
    b = await startBridge(server, "b_");
    alice = a.user("alice");
    bob = b.user("bob");
    await b.engine.ensureBotDevice();
    await b.engine.ensureUserDevice(bob);
    await encryptedRoom(server, ROOM, { [alice]: "join", [bob]: "join", [b.botUserId]: "join" }, [a, b]);
  });

  async function send(body: string, sender = alice, bridge = a, eventId?: string) {
    const { content } = await bridge.engine.encryptRoomEvent(sender, ROOM, "m.room.message", { msgtype: "m.text", body });
    return roomEvent(ROOM, sender, content, eventId);
  }

  it("a ghost's message decrypts on the other side, with its sender key and device", async function () {
    const event = await send("hello");
    await b.deliver();
    const decrypted = await b.engine.decryptRoomEvent(event);
    assert.equal(decrypted.type, "m.room.message");
    assert.deepEqual(decrypted.content, { msgtype: "m.text", body: "hello" });
    assert.equal(decrypted.senderKey, event.content.sender_key);
    assert.equal(decrypted.senderDevice, event.content.device_id);
  });

  it("shares the room key once per device and reuses it for the next messages", async function () {
    await send("one");
    const first = server.takeToDevice();
    assert.deepEqual(first.map((e) => `${e.type} ${e.to_user_id}`).sort(), [`m.room.encrypted ${bob}`, `m.room.encrypted ${b.botUserId}`]);
    await b.engine.handleToDevice(first);
    const event = await send("two");
    assert.equal(server.takeToDevice().length, 0, "no new key for the second message");
    assert.equal((await b.engine.decryptRoomEvent(event)).content.body, "two");
  });

  it("refuses a replayed message index under another event id, and accepts the same event again", async function () {
    const event = await send("once");
    await b.deliver();
    await b.engine.decryptRoomEvent(event);
    await b.engine.decryptRoomEvent(event);
    await assert.rejects(b.engine.decryptRoomEvent({ ...event, event_id: "$replayed" }), (err: unknown) => err instanceof DecryptionError && err.code === "REPLAY");
  });

  it("refuses tampered ciphertext", async function () {
    const event = await send("genuine");
    await b.deliver();
    const ciphertext = String(event.content.ciphertext);
    const flipped = ciphertext.slice(0, 40) + (ciphertext[40] === "A" ? "B" : "A") + ciphertext.slice(41);
    await assert.rejects(
      b.engine.decryptRoomEvent({ ...event, content: { ...event.content, ciphertext: flipped } }),
      (err: unknown) => err instanceof DecryptionError && err.code === "BAD_CIPHERTEXT",
    );
  });

  it("refuses an event moved into another room, or claimed by another sender", async function () {
    const event = await send("here");
    await b.deliver();
    await assert.rejects(b.engine.decryptRoomEvent({ ...event, room_id: "!other:fake" }), (err: unknown) => err instanceof MissingRoomKeyError);
    await assert.rejects(b.engine.decryptRoomEvent({ ...event, sender: "@mallory:fake" }), (err: unknown) => err instanceof DecryptionError && err.code === "WRONG_SENDER");
  });

  it("says which key is missing when the room key has not arrived", async function () {
    const event = await send("early");
    await assert.rejects(b.engine.decryptRoomEvent(event), (err: unknown) => {
      assert.ok(err instanceof MissingRoomKeyError);
      assert.equal(err.sessionId, event.content.session_id);
      assert.equal(err.sender, alice);
      assert.equal(err.senderDeviceId, event.content.device_id);
      assert.equal(err.laterIndexOnly, false);
      return true;
    });
    await b.deliver();
    assert.equal((await b.engine.decryptRoomEvent(event)).content.body, "early");
  });

  it("copies m.relates_to into the clear and back", async function () {
    const relation = { rel_type: "m.annotation", event_id: "$target", key: "👍" };
    const { content } = await a.engine.encryptRoomEvent(alice, ROOM, "m.reaction", { "m.relates_to": relation });
    assert.deepEqual(content["m.relates_to"], relation);
    await b.deliver();
    const decrypted = await b.engine.decryptRoomEvent({ ...roomEvent(ROOM, alice, content), type: "m.room.encrypted" });
    assert.equal(decrypted.type, "m.reaction");
    assert.deepEqual(decrypted.content["m.relates_to"], relation);
  });

  it("the engine can read its own ghosts' messages", async function () {
    const event = await send("mine");
    assert.equal((await a.engine.decryptRoomEvent(event)).content.body, "mine");
  });
});
