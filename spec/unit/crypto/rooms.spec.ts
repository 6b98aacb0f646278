import assert from "node:assert/strict";
import { CryptoError } from "../../../src/matrix/crypto";
import { encryptedRoom, startBridge, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";

describe("crypto: rooms", function () {
  let server: FakeKeyServer;
  let a: TestBridge;
  let b: TestBridge;
  let alice: string;

  beforeEach(async function () {
    server = new FakeKeyServer();
    a = await startBridge(server, "a_");
    b = await startBridge(server, "b_");
    alice = a.user("alice");
    await b.engine.ensureBotDevice();
  });

  const stateReads = (roomId: string) => server.requests.filter((r) => r.method === "GET" && r.path.includes(`/rooms/${roomId}/state/m.room.encryption`)).length;

  it("asks the homeserver once whether a room is encrypted, as the bot", async function () {
    server.setState("!enc:fake", "m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2" });
    assert.equal(await a.engine.isRoomEncrypted("!enc:fake"), true);
    assert.equal(await a.engine.isRoomEncrypted("!enc:fake"), true);
    assert.equal(await a.engine.isRoomEncrypted("!plain:fake"), false);
    assert.equal(await a.engine.isRoomEncrypted("!plain:fake"), false);
    assert.equal(stateReads("!enc:fake") + stateReads("!plain:fake"), 2);
    assert.equal(server.requests.find((r) => r.path.includes("/state/"))?.userId, a.botUserId);
  });

  it("learns of encryption switched on later, and never takes it back", async function () {
    assert.equal(await a.engine.isRoomEncrypted("!room:fake"), false);
    await a.engine.setRoomEncryption("!room:fake", { algorithm: "m.megolm.v1.aes-sha2" });
    assert.equal(await a.engine.isRoomEncrypted("!room:fake"), true);
    await a.engine.setRoomEncryption("!room:fake", {});
    assert.equal(await a.engine.isRoomEncrypted("!room:fake"), true);
  });

  it("refuses to encrypt into a room that is not encrypted, or with an unknown algorithm", async function () {
    server.setMembership("!plain:fake", alice, "join");
    await assert.rejects(a.engine.encryptRoomEvent(alice, "!plain:fake", "m.room.message", { body: "x" }), CryptoError);
    assert.equal(server.deviceKeys(alice, "any") ?? server.devices.get(alice), undefined, "no device made for nothing");
    await a.engine.setRoomEncryption("!odd:fake", { algorithm: "m.megolm.v2.aes-sha2" });
    await assert.rejects(a.engine.encryptRoomEvent(alice, "!odd:fake", "m.room.message", { body: "x" }), /unsupported algorithm/);
  });

  it("shares with invited members unless history is visible to joined members only", async function () {
    await encryptedRoom(server, "!shared:fake", { [alice]: "join", [b.botUserId]: "invite" }, [a]);
    await a.engine.encryptRoomEvent(alice, "!shared:fake", "m.room.message", { body: "x" });
    assert.deepEqual(server.takeToDevice().map((e) => e.to_user_id), [b.botUserId]);

    await encryptedRoom(server, "!joined:fake", { [alice]: "join", [b.botUserId]: "invite" }, [a]);
    server.setState("!joined:fake", "m.room.history_visibility", { history_visibility: "joined" });
    await a.engine.encryptRoomEvent(alice, "!joined:fake", "m.room.message", { body: "x" });
    assert.deepEqual(server.takeToDevice(), []);
    server.setMembership("!joined:fake", b.botUserId, "join");
    await a.engine.handleMembership("!joined:fake", b.botUserId, "join");
    await a.engine.encryptRoomEvent(alice, "!joined:fake", "m.room.message", { body: "y" });
    assert.deepEqual(server.takeToDevice().map((e) => e.to_user_id), [b.botUserId], "once joined");
  });

  it("follows history visibility changes it is told about", async function () {
    await encryptedRoom(server, "!room:fake", { [alice]: "join", [b.botUserId]: "invite" }, [a]);
    await a.engine.handleHistoryVisibility("!room:fake", "joined");
    await a.engine.encryptRoomEvent(alice, "!room:fake", "m.room.message", { body: "x" });
    assert.deepEqual(server.takeToDevice(), []);
  });

  it("never shares room keys with the bridge's own users", async function () {
    const other = a.user("other");
    await a.engine.ensureUserDevice(other);
    await encryptedRoom(server, "!room:fake", { [alice]: "join", [other]: "join", [a.botUserId]: "join" }, [a]);
    await a.engine.encryptRoomEvent(alice, "!room:fake", "m.room.message", { body: "x" });
    assert.deepEqual(server.takeToDevice(), []);
  });
});
