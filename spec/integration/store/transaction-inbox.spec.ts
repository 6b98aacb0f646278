import assert from "node:assert/strict";
import type { NewInboxItem } from "../../../src/store";
import { MATRIX_SOURCE } from "../../../src/store";
import { openTestStore, storeTargets, useFreshStore } from "../support/store-targets";

const EVENTS: NewInboxItem[] = [
  { kind: "m.room.message", queueKey: "!a:example.org", dedupeKey: "$e1", payload: { body: "one" } },
  { kind: "m.room.message", queueKey: "!b:example.org", dedupeKey: "$e2", payload: { body: "two" } },
];

for (const target of storeTargets) {
  describe(`TransactionInbox on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("accepts a new transaction and queues its items in order", async function () {
      const store = fresh.store();
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "txn1", EVENTS), "accepted");

      const queued = await store.inbox.listDue(Date.now(), 10);
      assert.deepEqual(
        queued.map((item) => [item.source, item.kind, item.queueKey, item.dedupeKey, item.payload, item.state]),
        [
          ["matrix", "m.room.message", "!a:example.org", "$e1", { body: "one" }, "pending"],
          ["matrix", "m.room.message", "!b:example.org", "$e2", { body: "two" }, "pending"],
        ],
      );
    });

    it("answers duplicate for a transaction id seen before and queues nothing", async function () {
      const store = fresh.store();
      await store.transactions.accept(MATRIX_SOURCE, "txn1", EVENTS);
      const other: NewInboxItem[] = [{ kind: "x", queueKey: "q", payload: 1 }];
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "txn1", other), "duplicate");
      assert.equal(await store.inbox.countPending(), 2);
    });

    it("keys transaction ids by source", async function () {
      const store = fresh.store();
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "1", []), "accepted");
      assert.equal(await store.transactions.accept("whatsapp", "1", []), "accepted");
      assert.equal(await store.transactions.accept("whatsapp", "1", []), "duplicate");
    });

    it("still knows a transaction after the store is closed and opened again", async function () {
      const config = fresh.config();
      await fresh.store().transactions.accept(MATRIX_SOURCE, "txn-restart", EVENTS);
      await fresh.store().close();

      const reopened = await openTestStore(config);
      assert.equal(await reopened.transactions.accept(MATRIX_SOURCE, "txn-restart", EVENTS), "duplicate");
      assert.equal(await reopened.inbox.countPending(), 2);
      await reopened.close();
    });

    it("accepts concurrent deliveries of one transaction exactly once", async function () {
      const store = fresh.store();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.transactions.accept(MATRIX_SOURCE, "txn-race", EVENTS)),
      );
      assert.equal(results.filter((result) => result === "accepted").length, 1, results.join());
      assert.equal(results.filter((result) => result === "duplicate").length, 7);
      assert.equal(await store.inbox.countPending(), EVENTS.length);
    });

    it("writes nothing when queueing an item fails, so a redelivery is accepted", async function () {
      const store = fresh.store();
      const circular: { self?: unknown } = {};
      circular.self = circular;
      const broken: NewInboxItem[] = [EVENTS[0]!, { kind: "x", queueKey: "q", payload: circular }];

      await assert.rejects(store.transactions.accept(MATRIX_SOURCE, "txn-broken", broken), TypeError);
      assert.equal(await store.inbox.countPending(), 0);
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "txn-broken", EVENTS), "accepted");
      assert.equal(await store.inbox.countPending(), 2);
    });

    it("skips items whose dedupe key is already queued but still records the transaction", async function () {
      const store = fresh.store();
      await store.inbox.enqueue(MATRIX_SOURCE, [EVENTS[0]!]);
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "txn2", EVENTS), "accepted");
      const queued = await store.inbox.listDue(Date.now(), 10);
      assert.deepEqual(queued.map((item) => item.dedupeKey), ["$e1", "$e2"]);
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "txn2", EVENTS), "duplicate");
    });

    it("forgets transaction ids older than a given time", async function () {
      const store = fresh.store();
      await store.transactions.accept(MATRIX_SOURCE, "old", []);
      assert.equal(await store.transactions.forgetBefore(0), 0);
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "old", []), "duplicate");
      assert.equal(await store.transactions.forgetBefore(Date.now() + 1), 1);
      assert.equal(await store.transactions.accept(MATRIX_SOURCE, "old", []), "accepted");
    });
  });
}
