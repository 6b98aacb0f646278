import { strict as assert } from "node:assert";
import { parseTransaction } from "../../../src/matrix/appservice/transaction-body";
import { MATRIX_EVENT, MATRIX_TO_DEVICE, TransactionIntake } from "../../../src/matrix/appservice/transaction-intake";
import { memoryStore } from "../../support/memory-store";

const event = (id: string) => ({ type: "m.room.message", room_id: "!r:x", sender: "@a:x", event_id: id, content: { body: id } });
const toDevice = { type: "m.room.encrypted", sender: "@a:x", to_user_id: "@b:x", to_device_id: "D", content: {} };

async function intake(keepToDevice = true) {
  const store = await memoryStore();
  const transactionStore = { accept: store.transactions.accept.bind(store.transactions), enqueue: store.inbox.enqueue.bind(store.inbox) };
  const stored = { wakes: 0 };
  const subject = new TransactionIntake(transactionStore, () => stored.wakes++, { keepToDevice });
  const pending = async () => (await store.inbox.listDue(Date.now(), 100)).map((i) => [i.kind, (i.payload as { event_id?: string }).event_id ?? "to-device"]);
  return { subject, pending, stored };
}

describe("transaction intake", () => {
  it("stores events and to-device messages, and drops a replay of the same transaction", async () => {
    const { subject, pending } = await intake();
    assert.equal(await subject.accept("1", parseTransaction({ events: [event("$a")], "de.sorunome.msc2409.to_device": [toDevice] })), "accepted");
    // Synapse re-sends a stored transaction with its events only
    assert.equal(await subject.accept("1", parseTransaction({ events: [event("$a")] })), "duplicate");
    assert.deepEqual(await pending(), [[MATRIX_EVENT, "$a"], [MATRIX_TO_DEVICE, "to-device"]]);
  });

  it("accepts a reused transaction id carrying other events (Synapse on SQLite restarts its ids)", async () => {
    const { subject, pending } = await intake();
    await subject.accept("1", parseTransaction({ events: [event("$a")] }));
    assert.equal(await subject.accept("1", parseTransaction({ events: [event("$b")] })), "accepted");
    assert.deepEqual(await pending(), [[MATRIX_EVENT, "$a"], [MATRIX_EVENT, "$b"]]);
  });

  it("always keeps to-device messages of transactions without events, and none when nobody consumes them", async () => {
    const { subject, pending } = await intake();
    await subject.accept("7", parseTransaction({ "de.sorunome.msc2409.to_device": [toDevice] }));
    await subject.accept("7", parseTransaction({ "de.sorunome.msc2409.to_device": [toDevice] }));
    assert.equal((await pending()).length, 2);
    const without = await intake(false);
    await without.subject.accept("1", parseTransaction({ "de.sorunome.msc2409.to_device": [toDevice] }));
    assert.deepEqual(await without.pending(), []);
  });
});
