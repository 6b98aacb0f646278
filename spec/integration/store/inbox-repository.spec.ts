import assert from "node:assert/strict";
import type { NewInboxItem } from "../../../src/store";
import { InboxEntity } from "../../../src/store/entities/inbox.entity";
import { storeTargets, useFreshStore } from "../support/store-targets";

function item(queueKey: string, dedupeKey: string | null): NewInboxItem {
  return { kind: "webhook", queueKey, dedupeKey, payload: { queueKey } };
}

const FAR_FUTURE = Date.now() + 365 * 24 * 3600 * 1000;

for (const target of storeTargets) {
  describe(`InboxRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("lists pending items oldest first, payloads parsed back", async function () {
      const inbox = fresh.store().inbox;
      const payloads: unknown[] = [{ nested: [1, "two", { three: true }] }, "text", 42, null, undefined];
      const ids = await inbox.enqueue(
        "whatsapp",
        payloads.map((payload, i) => ({ kind: "webhook", queueKey: `q${i}`, payload })),
      );
      assert.equal(ids.length, 5);
      assert.deepEqual([...ids].sort((a, b) => a - b), ids, "ids ascend");

      const due = await inbox.listDue(Date.now(), 10);
      assert.deepEqual(due.map((entry) => entry.id), ids);
      assert.deepEqual(due.map((entry) => entry.payload), [{ nested: [1, "two", { three: true }] }, "text", 42, null, null]);
      for (const entry of due) {
        assert.equal(entry.source, "whatsapp");
        assert.equal(entry.attempts, 0);
        assert.equal(entry.lastError, null);
        assert.equal(typeof entry.receivedAt, "number");
        assert.equal(entry.nextAttemptAt, entry.receivedAt);
      }
    });

    it("honours the limit and keeps order across calls", async function () {
      const inbox = fresh.store().inbox;
      const ids = await inbox.enqueue("messenger", [item("a", null), item("b", null), item("c", null)]);
      assert.deepEqual((await inbox.listDue(Date.now(), 2)).map((entry) => entry.id), ids.slice(0, 2));
      await inbox.complete(ids[0]!);
      assert.deepEqual((await inbox.listDue(Date.now(), 2)).map((entry) => entry.id), ids.slice(1, 3));
    });

    it("lists nothing that is not yet due", async function () {
      const inbox = fresh.store().inbox;
      const before = Date.now() - 1;
      await inbox.enqueue("messenger", [item("a", null)]);
      assert.deepEqual(await inbox.listDue(before - 60_000, 10), []);
    });

    it("skips items whose dedupe key the source already has queued", async function () {
      const inbox = fresh.store().inbox;
      const first = await inbox.enqueue("whatsapp", [item("q", "wamid.1"), item("q", "wamid.2")]);
      const second = await inbox.enqueue("whatsapp", [item("q", "wamid.2"), item("q", "wamid.3"), item("q", "wamid.3")]);
      assert.equal(first.length, 2);
      assert.equal(second.length, 1, "wamid.2 was queued before, the second wamid.3 in the same call");
      assert.deepEqual(
        (await inbox.listDue(Date.now(), 10)).map((entry) => entry.dedupeKey),
        ["wamid.1", "wamid.2", "wamid.3"],
      );
    });

    it("dedupes per source, and never on a null dedupe key", async function () {
      const inbox = fresh.store().inbox;
      await inbox.enqueue("whatsapp", [item("q", "same")]);
      assert.equal((await inbox.enqueue("instagram", [item("q", "same")])).length, 1);
      assert.equal((await inbox.enqueue("whatsapp", [item("q", null), item("q", null)])).length, 2);
      assert.equal(await inbox.countPending(), 4);
    });

    it("queues one item when the same dedupe key is enqueued concurrently", async function () {
      const inbox = fresh.store().inbox;
      const results = await Promise.all(Array.from({ length: 6 }, () => inbox.enqueue("whatsapp", [item("q", "dup")])));
      assert.equal(results.flat().length, 1);
      assert.equal(await inbox.countPending(), 1);
    });

    it("retryLater counts the attempt, keeps the error and hides the item until then", async function () {
      const inbox = fresh.store().inbox;
      const [id] = await inbox.enqueue("whatsapp", [item("q", "k")]);
      const retryAt = Date.now() + 60_000;
      await inbox.retryLater(id!, "HTTP 503 from graph.facebook.com", retryAt);
      await inbox.retryLater(id!, "HTTP 502", retryAt);

      assert.deepEqual(await inbox.listDue(retryAt - 1, 10), []);
      const [due] = await inbox.listDue(retryAt, 10);
      assert.equal(due?.id, id);
      assert.equal(due?.attempts, 2);
      assert.equal(due?.lastError, "HTTP 502");
      assert.equal(due?.nextAttemptAt, retryAt);
      assert.equal(await inbox.countPending(), 1);
    });

    it("markFailed keeps the item for inspection but out of the queue", async function () {
      const inbox = fresh.store().inbox;
      const [failed, other] = await inbox.enqueue("whatsapp", [item("q", "bad"), item("q", "good")]);
      await inbox.markFailed(failed!, "unsupported message type");

      assert.deepEqual((await inbox.listDue(FAR_FUTURE, 10)).map((entry) => entry.id), [other]);
      assert.equal(await inbox.countPending(), 1);
      const kept = await inbox.get(failed!);
      assert.equal(kept?.state, "failed");
      assert.equal(kept?.lastError, "unsupported message type");
      assert.equal(kept?.attempts, 1);
      assert.equal((await inbox.enqueue("whatsapp", [item("q", "bad")])).length, 0, "its dedupe key still holds");
    });

    it("complete deletes the item, and is harmless when repeated", async function () {
      const inbox = fresh.store().inbox;
      const [id] = await inbox.enqueue("whatsapp", [item("q", "done")]);
      await inbox.complete(id!);
      await inbox.complete(id!);
      assert.equal(await inbox.get(id!), null);
      assert.equal(await inbox.countPending(), 0);
      assert.equal((await inbox.enqueue("whatsapp", [item("q", "done")])).length, 1, "nothing of it is kept");
    });

    it("the database itself refuses a second row with the same source and dedupe key", async function () {
      const store = fresh.store();
      // Past the repository's own dedupe check, straight into the table.
      const insert = (source: string, dedupeKey: string | null) =>
        store.dataSource
          .createQueryBuilder()
          .insert()
          .into(InboxEntity)
          .values({ source, kind: "k", dedupeKey, queueKey: "q", payload: "null", state: "pending", receivedAt: 1, nextAttemptAt: 1 })
          .execute();
      await insert("whatsapp", "k1");
      await insert("messenger", "k1");
      await insert("whatsapp", null);
      await insert("whatsapp", null);
      await assert.rejects(insert("whatsapp", "k1"), /UNIQUE|unique/);
      assert.equal(await store.inbox.countPending(), 4);
    });

    it("enqueueing nothing inserts nothing", async function () {
      const inbox = fresh.store().inbox;
      assert.deepEqual(await inbox.enqueue("whatsapp", []), []);
      assert.equal(await inbox.countPending(), 0);
    });
  });
}
