import { strict as assert } from "node:assert";
import { escapeLocalpart, InvalidEscapeError, unescapeLocalpart } from "../../../src/core/ids/localpart-escape";

describe("localpart escaping", () => {
  const samples = ["15551234567", "Bob_Smith", "a.b/c", "été 🎉", "___", "UPPER", "-", "x=y", ""];

  it("produces only spec-valid localpart characters", () => {
    for (const id of samples) assert.match(escapeLocalpart(id), /^[a-z0-9._=/-]*$/, id);
  });

  it("round-trips every id", () => {
    for (const id of samples) assert.equal(unescapeLocalpart(escapeLocalpart(id)), id);
  });

  it("keeps plain ids readable and escapes the rest reversibly", () => {
    assert.equal(escapeLocalpart("15551234567"), "15551234567");
    assert.equal(escapeLocalpart("Bob_S"), "_bob___s");
    assert.equal(escapeLocalpart("a.b"), "a=2eb");
  });

  it("never leaves a '.' so two escaped parts can be joined with one", () => {
    for (const id of samples) assert.ok(!escapeLocalpart(id).includes("."));
  });

  it("refuses strings that are not escapes", () => {
    for (const bad of ["_", "_1", "=zz", "=4", "a.b", "A", "=ff"]) {
      assert.throws(() => unescapeLocalpart(bad), InvalidEscapeError, bad);
    }
  });
});
