import assert from "node:assert/strict";
import type { GroupShareRecord } from "../../../src/store";
import { rotationByRecipients, rotationByUse } from "../../../src/matrix/crypto/megolm/rotation";
import { type Clock, encryptedRoom, roomEvent, startBridge, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";

const ROOM = "!room:fake";
const HOUR = 60 * 60 * 1000;

function share(userId: string, deviceId: string, withheld: string | null = null): GroupShareRecord {
  return { sessionId: "s", userId, deviceId, messageIndex: 0, withheld, sharedAt: 0 };
}

describe("crypto: rotation rules", function () {
  const policy = { rotationPeriodMs: 7 * 24 * HOUR, rotationPeriodMsgs: 100 };

  it("rotates after the room's message count", function () {
    assert.equal(rotationByUse({ createdAt: 0, messageCount: 99 }, policy, 1000), null);
    assert.equal(rotationByUse({ createdAt: 0, messageCount: 100 }, policy, 1000), "message-count");
  });

  it("rotates after the room's period", function () {
    assert.equal(rotationByUse({ createdAt: 0, messageCount: 1 }, policy, policy.rotationPeriodMs - 1), null);
    assert.equal(rotationByUse({ createdAt: 0, messageCount: 1 }, policy, policy.rotationPeriodMs), "age");
  });

  it("rotates when a device holding the key is no longer a recipient, not for new devices or withheld ones", function () {
    const recipients = [
      { userId: "@a:x", deviceId: "A1" },
      { userId: "@b:x", deviceId: "B1" },
    ];
    assert.equal(rotationByRecipients([share("@a:x", "A1"), share("@b:x", "B1")], recipients), null);
    assert.equal(rotationByRecipients([share("@a:x", "A1")], recipients), null, "a new device just gets the key");
    assert.equal(rotationByRecipients([share("@a:x", "A1"), share("@c:x", "C1")], recipients), "recipient-gone");
    assert.equal(rotationByRecipients([share("@a:x", "A1"), share("@c:x", "C1", "m.no_olm")], recipients), null, "it never had the key");
  });
});

describe("crypto: rotation in the engine", function () {
  let server: FakeKeyServer;
  let clock: Clock;
  let a: TestBridge;
  let b: TestBridge;
  let alice: string;

  async function start(settings: Record<string, unknown> = {}) {
    server = new FakeKeyServer();
    clock = { now: 1_800_000_000_000 };
    a = await startBridge(server, "a_", { clock });
    b = await startBridge(server, "b_", { clock });
    alice = a.user("alice");
    await b.engine.ensureBotDevice();
    await encryptedRoom(server, ROOM, { [alice]: "join", [b.botUserId]: "join" }, [a, b], settings);
  }

  async function send(body: string) {
    const { content } = await a.engine.encryptRoomEvent(alice, ROOM, "m.room.message", { msgtype: "m.text", body });
    return roomEvent(ROOM, alice, content);
  }

  async function sessionOf(body: string): Promise<string> {
    const event = await send(body);
    await b.deliver();
    assert.equal((await b.engine.decryptRoomEvent(event)).content.body, body, "the receiver can read it");
    return String(event.content.session_id);
  }

  it("starts a new session after rotation_period_msgs messages", async function () {
    await start({ rotation_period_msgs: 3 });
    const sessions = [];
    for (let i = 0; i < 7; i++) sessions.push(await sessionOf(`m${i}`));
    assert.equal(new Set(sessions.slice(0, 3)).size, 1);
    assert.notEqual(sessions[3], sessions[2]);
    assert.equal(new Set(sessions.slice(3, 6)).size, 1);
    assert.notEqual(sessions[6], sessions[5]);
  });

  it("starts a new session after rotation_period_ms, and not before", async function () {
    await start({ rotation_period_ms: HOUR });
    const first = await sessionOf("first");
    clock.now += HOUR - 1;
    assert.equal(await sessionOf("still"), first);
    clock.now += 1;
    assert.notEqual(await sessionOf("later"), first);
  });

  it("uses a week and 100 messages when the room says nothing", async function () {
    await start();
    const first = await sessionOf("0");
    for (let i = 1; i < 99; i++) await send(String(i));
    clock.now += 6 * 24 * HOUR;
    assert.equal(await sessionOf("the 100th"), first, "100 messages within a week");
    assert.notEqual(await sessionOf("the 101st"), first);
  });

  it("starts a new session when a member leaves, which the leaver does not get", async function () {
    await start();
    const carol = b.user("carol");
    await b.engine.ensureUserDevice(carol);
    server.setMembership(ROOM, carol, "join");
    await a.engine.handleMembership(ROOM, carol, "join");
    const before = await sessionOf("with carol");
    server.setMembership(ROOM, carol, "leave");
    await a.engine.handleMembership(ROOM, carol, "leave");
    const event = await send("without carol");
    assert.notEqual(event.content.session_id, before);
    const delivered = await b.deliver();
    assert.deepEqual(delivered.map((e) => e.to_user_id), [b.botUserId]);
  });

  it("rotates without being told when a recipient's device disappears", async function () {
    await start();
    const carol = b.user("carol");
    const carolDevice = await b.engine.ensureUserDevice(carol);
    server.setMembership(ROOM, carol, "join");
    await a.engine.handleMembership(ROOM, carol, "join");
    const before = await sessionOf("with carol's device");
    server.deleteDevice(carol, carolDevice);
    await a.engine.handleDeviceLists([carol], []);
    assert.notEqual(await sessionOf("after the device went"), before);
  });

  it("gives a member's new device the current session, without rotating", async function () {
    await start();
    const first = await send("before the new device");
    await b.deliver();
    const bob = b.user("bob");
    server.setMembership(ROOM, bob, "join");
    await a.engine.handleMembership(ROOM, bob, "join");
    await b.engine.ensureUserDevice(bob);
    await a.engine.handleDeviceLists([bob], []);
    const second = await send("after the new device");
    assert.equal(second.content.session_id, first.content.session_id, "same session");
    const delivered = await b.deliver();
    assert.deepEqual(delivered.map((e) => e.to_user_id), [bob], "only the new device gets the key");
  });
});
