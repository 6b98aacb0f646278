import { strict as assert } from "node:assert";
import { InboxWorker, PermanentFailure, type InboxPort } from "../../../src/core/queue/inbox-worker";
import { KeyedSerialQueue } from "../../../src/core/queue/keyed-serial-queue";
import type { InboxItem } from "../../../src/store/records";

class MemoryInbox implements InboxPort {
  items: InboxItem[] = [];
  failed: InboxItem[] = [];
  private nextId = 1;

  add(queueKey: string, payload: unknown, kind = "test"): void {
    this.items.push({
      id: this.nextId++, source: "matrix", kind, queueKey, dedupeKey: null, payload,
      attempts: 0, lastError: null, state: "pending", receivedAt: 0, nextAttemptAt: 0,
    });
  }
  async listDue(now: number, limit: number) {
    return this.items.filter((i) => i.nextAttemptAt <= now).slice(0, limit).map((i) => ({ ...i }));
  }
  async complete(id: number) {
    this.items = this.items.filter((i) => i.id !== id);
  }
  async retryLater(id: number, error: string, nextAttemptAt: number) {
    const item = this.items.find((i) => i.id === id)!;
    Object.assign(item, { attempts: item.attempts + 1, lastError: error, nextAttemptAt });
  }
  async markFailed(id: number, error: string) {
    const item = this.items.find((i) => i.id === id)!;
    this.items = this.items.filter((i) => i.id !== id);
    this.failed.push({ ...item, state: "failed", lastError: error });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("inbox worker", () => {
  it("handles stored items in order per queue key and deletes them", async () => {
    const inbox = new MemoryInbox();
    const seen: string[] = [];
    for (const n of [1, 2, 3]) inbox.add("!a", `a${n}`);
    inbox.add("!b", "b1");
    const worker = new InboxWorker(inbox, { pollMs: 10 });
    worker.handle("test", async (payload) => {
      if (payload === "a1") await tick(); // a slow first item must not let a2 overtake it
      seen.push(String(payload));
    });
    worker.start();
    await worker.drain();
    await worker.stop();
    assert.deepEqual(seen.filter((s) => s.startsWith("a")), ["a1", "a2", "a3"]);
    assert.ok(seen.indexOf("b1") < seen.indexOf("a1"), "another room is not held up by a slow one");
    assert.equal(inbox.items.length, 0);
  });

  it("retries a failing item with growing delays, then keeps it as failed", async () => {
    const inbox = new MemoryInbox();
    inbox.add("!a", "x");
    let now = 1000;
    let calls = 0;
    const worker = new InboxWorker(inbox, { maxAttempts: 3, retryBaseMs: 100, pollMs: 60_000, now: () => now });
    worker.handle("test", async () => {
      calls++;
      throw new Error("homeserver down");
    });
    worker.start();
    await worker.drain();
    assert.equal(inbox.items[0]!.nextAttemptAt, 1100);
    now = 1100;
    worker.wake();
    await worker.drain();
    assert.equal(inbox.items[0]!.nextAttemptAt, 1300);
    now = 1300;
    worker.wake();
    await worker.drain();
    await worker.stop();
    assert.equal(calls, 3);
    assert.equal(inbox.items.length, 0);
    assert.equal(inbox.failed[0]!.lastError, "homeserver down");
  });

  it("keeps a permanently failing item at once, and one nobody handles", async () => {
    const inbox = new MemoryInbox();
    inbox.add("!a", "x");
    inbox.add("!a", "y", "unknown-kind");
    const worker = new InboxWorker(inbox);
    worker.handle("test", async () => {
      throw new PermanentFailure("bad event");
    });
    worker.start();
    await worker.drain();
    await worker.stop();
    assert.deepEqual(inbox.failed.map((i) => i.lastError), ["bad event", "no handler for unknown-kind"]);
  });

  it("picks up what was stored before it started (a previous run's leftovers)", async () => {
    const inbox = new MemoryInbox();
    inbox.add("!a", "left over");
    const seen: unknown[] = [];
    const worker = new InboxWorker(inbox);
    worker.handle("test", async (p) => void seen.push(p));
    worker.start();
    await worker.drain();
    inbox.add("!a", "new");
    worker.wake();
    await worker.drain();
    await worker.stop();
    assert.deepEqual(seen, ["left over", "new"]);
  });
});

describe("keyed serial queue", () => {
  it("runs one task at a time per key and passes results and errors through", async () => {
    const queue = new KeyedSerialQueue();
    let running = 0;
    let maxRunning = 0;
    const task = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      running--;
    };
    await Promise.all([queue.run("k", task), queue.run("k", task), queue.run("k", task)]);
    assert.equal(maxRunning, 1);
    assert.equal(await queue.run("k", async () => 42), 42);
    await assert.rejects(queue.run("k", async () => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await queue.run("k", async () => "after a failure"), "after a failure");
    await queue.idle();
    assert.equal(queue.activeKeys, 0);
  });
});
