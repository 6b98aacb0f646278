import assert from "node:assert/strict";
import { encryptedRoom, roomEvent, startBridge } from "../../unit/crypto/support/bridges";
import { FakeKeyServer } from "../../unit/crypto/support/fake-key-server";
import { openTestStore, postgresTarget } from "../support/store-targets";

describe("crypto engine on PostgreSQL", function () {
  it("encrypts, shares, decrypts and survives a restart with its state in PostgreSQL", async function () {
    const server = new FakeKeyServer();
    const config = await postgresTarget.newDatabase();
    const a = await startBridge(server, "a_", { store: await openTestStore(config) });
    const b = await startBridge(server, "b_", { store: await openTestStore(await postgresTarget.newDatabase()) });
    const alice = a.user("alice");
    await b.engine.ensureBotDevice();
    await encryptedRoom(server, "!room:fake", { [alice]: "join", [b.botUserId]: "join" }, [a, b]);

    const sent = await Promise.all(["one", "two", "three"].map((body) => a.engine.encryptRoomEvent(alice, "!room:fake", "m.room.message", { body })));
    assert.equal(new Set(sent.map((s) => s.content.session_id)).size, 1, "concurrent sends share one session");
    await b.deliver();
    const bodies = await Promise.all(sent.map((s) => b.engine.decryptRoomEvent(roomEvent("!room:fake", alice, s.content)).then((d) => d.content.body)));
    assert.deepEqual(bodies.sort(), ["one", "three", "two"]);

    await a.store.close();
    const restarted = await startBridge(server, "a_", { store: await openTestStore(config) });
    const after = await restarted.engine.encryptRoomEvent(alice, "!room:fake", "m.room.message", { body: "after" });
    assert.equal(after.content.session_id, sent[0].content.session_id);
    assert.equal((await b.engine.decryptRoomEvent(roomEvent("!room:fake", alice, after.content))).content.body, "after");
  });
});
