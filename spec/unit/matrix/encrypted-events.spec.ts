import { strict as assert } from "node:assert";
import { RetryLater } from "../../../src/core/queue/inbox-worker";
import type { RoomEvent } from "../../../src/matrix/appservice/transaction-body";
import { EncryptedEvents, type RoomDecryptor } from "../../../src/matrix/events/encrypted-events";

class MissingKey extends Error {}

const event: RoomEvent = { type: "m.room.encrypted", room_id: "!r:x", sender: "@a:x", event_id: "$e", content: { algorithm: "m.megolm.v1.aes-sha2" } };

function decryptor(outcome: () => { type: string; content: Record<string, unknown> }) {
  const requests: unknown[] = [];
  const port: RoomDecryptor = {
    decryptRoomEvent: async () => outcome(),
    isMissingKey: (err) => err instanceof MissingKey,
    requestRoomKey: async (err) => void requests.push(err),
  };
  return { port, requests };
}

describe("decrypting users' events", () => {
  it("hands on the clear event", async () => {
    const { port } = decryptor(() => ({ type: "m.room.message", content: { body: "hi" } }));
    const result = await new EncryptedEvents(port, 30_000).decrypt(event, Date.now());
    assert.ok("event" in result);
    assert.deepEqual([result.event.type, result.event.content], ["m.room.message", { body: "hi" }]);
  });

  it("waits for a missing key (asking the sender once), then gives up with a reason after the bound", async () => {
    let now = 1_000;
    const { port, requests } = decryptor(() => {
      throw new MissingKey("no session");
    });
    const events = new EncryptedEvents(port, 30_000, () => now);
    await assert.rejects(events.decrypt(event, 1_000, 0), (err: unknown) => err instanceof RetryLater && err.delayMs === 500);
    now = 5_000;
    await assert.rejects(events.decrypt(event, 1_000, 3), (err: unknown) => err instanceof RetryLater && err.delayMs === 4000);
    assert.equal(requests.length, 1, "the key is requested once");
    now = 31_000;
    const given = await events.decrypt(event, 1_000, 8);
    assert.ok("failed" in given && /never reached the bridge/.test(given.failed));
  });

  it("reports an event that cannot be decrypted at all without waiting", async () => {
    const { port } = decryptor(() => {
      throw new Error("replayed message index");
    });
    const result = await new EncryptedEvents(port, 30_000).decrypt(event, Date.now());
    assert.ok("failed" in result && /replayed message index/.test(result.failed));
  });
});
