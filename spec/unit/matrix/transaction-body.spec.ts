import { strict as assert } from "node:assert";
import { MalformedTransactionError, parseTransaction } from "../../../src/matrix/appservice/transaction-body";
import { secretsEqual } from "../../../src/matrix/appservice/token-check";

const event = { type: "m.room.message", room_id: "!r:x", sender: "@a:x", event_id: "$e", content: { body: "hi" } };

describe("appservice transaction bodies", () => {
  it("reads events and the stable and unstable ephemeral, to-device and device fields", () => {
    const unstable = parseTransaction({
      events: [event],
      "de.sorunome.msc2409.ephemeral": [{ type: "m.typing", room_id: "!r:x", content: { user_ids: [] } }],
      "de.sorunome.msc2409.to_device": [{ type: "m.room_key", sender: "@a:x", to_user_id: "@b:x", to_device_id: "D", content: {} }],
      "org.matrix.msc3202.device_lists": { changed: ["@a:x"], left: [] },
      "org.matrix.msc3202.device_one_time_keys_count": { "@b:x": { D: { signed_curve25519: 3 } } },
      "org.matrix.msc3202.device_unused_fallback_key_types": { "@b:x": { D: ["signed_curve25519"] } },
    });
    assert.equal(unstable.events.length, 1);
    assert.equal(unstable.ephemeral[0]!.type, "m.typing");
    assert.equal(unstable.toDevice[0]!.to_device_id, "D");
    assert.deepEqual(unstable.deviceLists, { changed: ["@a:x"], left: [] });
    assert.equal(unstable.oneTimeKeyCounts["@b:x"]!.D!.signed_curve25519, 3);
    assert.deepEqual(unstable.unusedFallbackKeyTypes["@b:x"]!.D, ["signed_curve25519"]);

    const stable = parseTransaction({ events: [], ephemeral: [{ type: "m.receipt", content: {} }], to_device: [], device_one_time_keys_count: {} });
    assert.equal(stable.ephemeral[0]!.type, "m.receipt");
    assert.deepEqual(parseTransaction({}).events, []);
  });

  it("refuses malformed bodies and events", () => {
    for (const bad of [[], "x", { events: {} }, { events: [{ type: "m.room.message" }] }, { events: [{ ...event, content: "x" }] }, { device_lists: { changed: [1] } }]) {
      assert.throws(() => parseTransaction(bad), MalformedTransactionError, JSON.stringify(bad));
    }
  });
});

describe("secret comparison", () => {
  it("matches equal secrets only, whatever the lengths", () => {
    assert.ok(secretsEqual("abc", "abc"));
    assert.ok(!secretsEqual("abc", "abd"));
    assert.ok(!secretsEqual("ab", "abc"));
    assert.ok(!secretsEqual("", "abc"));
  });
});
