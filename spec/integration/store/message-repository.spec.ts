import assert from "node:assert/strict";
import type { MessageRecord } from "../../../src/store";
import { StoreConflictError } from "../../../src/store";
import { storeTargets, useFreshStore } from "../support/store-targets";

function message(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    network: "whatsapp",
    remoteId: "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI",
    partId: "",
    chatId: "15551234567",
    receiver: "business-1",
    roomId: "!room:example.org",
    eventId: "$event1",
    senderId: "15551234567",
    timestamp: 1_795_564_800_456,
    ...overrides,
  };
}

for (const target of storeTargets) {
  describe(`MessageRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("maps a remote message to its event and back", async function () {
      const messages = fresh.store().messages;
      await messages.insert(message());
      assert.deepEqual(await messages.get(message()), message());
      assert.deepEqual(await messages.getByEventId("$event1"), message());
      assert.equal(await messages.getByEventId("$other"), null);
      assert.equal(await messages.get({ ...message(), network: "messenger" }), null);
    });

    it("keeps the parts of one remote message apart and lists them in order", async function () {
      const messages = fresh.store().messages;
      await messages.insert(message({ partId: "1", eventId: "$caption" }));
      await messages.insert(message({ partId: "0", eventId: "$image" }));
      assert.equal((await messages.get(message({ partId: "1" })))?.eventId, "$caption");
      assert.deepEqual((await messages.listParts("whatsapp", message().remoteId)).map((m) => m.eventId), ["$image", "$caption"]);
      assert.equal(await messages.get(message()), null, 'no part ""');
    });

    it("stores a message without a remote sender (sent from Matrix)", async function () {
      const messages = fresh.store().messages;
      await messages.insert(message({ senderId: null }));
      assert.equal((await messages.get(message()))?.senderId, null);
    });

    it("the part id defaults to the empty string", async function () {
      const store = fresh.store();
      await store.dataSource.query(
        `INSERT INTO messages (network, remote_id, chat_id, receiver, room_id, event_id, timestamp) ` +
          `VALUES ('whatsapp', 'm1', 'c', 'r', '!room:example.org', '$raw', 1)`,
      );
      assert.equal((await store.messages.get({ network: "whatsapp", remoteId: "m1", partId: "" }))?.eventId, "$raw");
    });

    it("refuses a second mapping of the same part or the same event", async function () {
      const messages = fresh.store().messages;
      await messages.insert(message());
      await assert.rejects(messages.insert(message({ eventId: "$another" })), StoreConflictError);
      await assert.rejects(messages.insert(message({ remoteId: "wamid.other" })), StoreConflictError);
      assert.equal(await messages.getByEventId("$another"), null);
      assert.equal(await messages.get(message({ remoteId: "wamid.other" })), null);
    });

    it("deletes a mapping and reports whether there was one", async function () {
      const messages = fresh.store().messages;
      await messages.insert(message());
      assert.equal(await messages.delete(message()), true);
      assert.equal(await messages.delete(message()), false);
      assert.equal(await messages.getByEventId("$event1"), null);
      await messages.insert(message());
    });
  });
}
