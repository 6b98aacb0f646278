import assert from "node:assert/strict";
import { encryptedRoom, roomEvent, startBridge, tempDatabasePath, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";

const ROOM = "!room:fake";

describe("crypto: a restart loses no session", function () {
  let server: FakeKeyServer;
  let path: string;
  let a: TestBridge;
  let b: TestBridge;
  let alice: string;

  beforeEach(async function () {
    server = new FakeKeyServer();
    path = await tempDatabasePath();
    a = await startBridge(server, "a_", { databasePath: path });
    b = await startBridge(server, "b_", { databasePath: await tempDatabasePath() });
    alice = a.user("alice");
    await b.engine.ensureBotDevice();
    await encryptedRoom(server, ROOM, { [alice]: "join", [b.botUserId]: "join" }, [a, b]);
  });

  async function restartA(): Promise<TestBridge> {
    await a.store.close();
    return startBridge(server, "a_", { databasePath: path });
  }

  async function send(bridge: TestBridge, body: string) {
    const { content, deviceId } = await bridge.engine.encryptRoomEvent(alice, ROOM, "m.room.message", { msgtype: "m.text", body });
    return { event: roomEvent(ROOM, alice, content), deviceId };
  }

  it("keeps sending with the same device and Megolm session after a restart", async function () {
    const before = await send(a, "before");
    await b.deliver();
    const restarted = await restartA();
    const after = await send(restarted, "after");
    assert.equal(after.deviceId, before.deviceId);
    assert.equal(after.event.content.session_id, before.event.content.session_id);
    assert.equal(server.toDevice.length, 0, "no new room key needed");
    assert.equal((await b.engine.decryptRoomEvent(after.event)).content.body, "after");
    assert.equal(server.requests.filter((r) => r.path.endsWith("/keys/device_signing/upload") && r.userId === alice).length, 1, "cross-signing kept");
  });

  it("decrypts old events and keeps its Olm sessions after a restart of the receiver", async function () {
    const bPath = await tempDatabasePath();
    await b.store.close();
    b = await startBridge(server, "b_", { databasePath: bPath });
    await b.engine.ensureBotDevice();
    const old = await send(a, "old");
    await b.deliver();
    assert.equal((await b.engine.decryptRoomEvent(old.event)).content.body, "old");

    await b.store.close();
    const restarted = await startBridge(server, "b_", { databasePath: bPath });
    assert.equal((await restarted.engine.decryptRoomEvent({ ...old.event })).content.body, "old", "same event id again is fine");
    await assert.rejects(restarted.engine.decryptRoomEvent({ ...old.event, event_id: "$replay" }), /already used/, "replay protection survived");

    await a.engine.handleMembership(ROOM, "@x:fake", "leave");
    const next = await send(a, "new session over the old Olm session");
    const claimsBefore = server.requests.filter((r) => r.path.endsWith("/keys/claim")).length;
    await restarted.deliver();
    assert.equal((await restarted.engine.decryptRoomEvent(next.event)).content.body, "new session over the old Olm session");
    assert.equal(server.requests.filter((r) => r.path.endsWith("/keys/claim")).length, claimsBefore);
  });

  it("cannot read its pickles with another pickle key", async function () {
    await send(a, "x");
    await a.store.close();
    const wrongKey = await startBridge(server, "a_", { databasePath: path, pickleKey: "another key" });
    await assert.rejects(wrongKey.engine.encryptRoomEvent(alice, ROOM, "m.room.message", { body: "y" }));
  });
});
