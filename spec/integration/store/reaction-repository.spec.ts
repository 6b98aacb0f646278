import assert from "node:assert/strict";
import type { ReactionRecord } from "../../../src/store";
import { StoreConflictError } from "../../../src/store";
import { storeTargets, useFreshStore } from "../support/store-targets";

function reaction(overrides: Partial<ReactionRecord> = {}): ReactionRecord {
  return {
    network: "messenger",
    messageId: "m_abc",
    messagePart: "",
    senderId: "2406155512345",
    emoji: "👍",
    roomId: "!room:example.org",
    eventId: "$reaction1",
    timestamp: 1_795_564_800_789,
    ...overrides,
  };
}

for (const target of storeTargets) {
  describe(`ReactionRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("stores a reaction and finds it by key and by event id", async function () {
      const reactions = fresh.store().reactions;
      await reactions.upsert(reaction());
      assert.deepEqual(await reactions.get(reaction()), reaction());
      assert.deepEqual(await reactions.getByEventId("$reaction1"), reaction());
      assert.equal(await reactions.get(reaction({ emoji: "❤️" })), null);
    });

    it("keeps reactions with different emoji, senders or parts apart", async function () {
      const reactions = fresh.store().reactions;
      await reactions.upsert(reaction());
      await reactions.upsert(reaction({ emoji: "❤️", eventId: "$2" }));
      await reactions.upsert(reaction({ senderId: "other", eventId: "$3" }));
      await reactions.upsert(reaction({ messagePart: "1", eventId: "$4" }));
      for (const [key, eventId] of [
        [reaction(), "$reaction1"],
        [reaction({ emoji: "❤️" }), "$2"],
        [reaction({ senderId: "other" }), "$3"],
        [reaction({ messagePart: "1" }), "$4"],
      ] as const) {
        assert.equal((await reactions.get(key))?.eventId, eventId);
      }
    });

    it("moves an existing reaction to its new event on upsert", async function () {
      const reactions = fresh.store().reactions;
      await reactions.upsert(reaction());
      await reactions.upsert(reaction({ eventId: "$replacement", timestamp: 1_795_564_900_000 }));
      assert.deepEqual(await reactions.get(reaction()), reaction({ eventId: "$replacement", timestamp: 1_795_564_900_000 }));
      assert.equal(await reactions.getByEventId("$reaction1"), null);
    });

    it("refuses an event id that already belongs to another reaction", async function () {
      const reactions = fresh.store().reactions;
      await reactions.upsert(reaction());
      await assert.rejects(reactions.upsert(reaction({ emoji: "😂" })), StoreConflictError);
      assert.equal(await reactions.get(reaction({ emoji: "😂" })), null);
    });

    it("deletes a reaction and reports whether there was one", async function () {
      const reactions = fresh.store().reactions;
      await reactions.upsert(reaction());
      assert.equal(await reactions.delete(reaction()), true);
      assert.equal(await reactions.delete(reaction()), false);
      assert.equal(await reactions.getByEventId("$reaction1"), null);
    });
  });
}
