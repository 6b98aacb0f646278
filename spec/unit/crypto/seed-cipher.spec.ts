import assert from "node:assert/strict";
import { SeedCipher } from "../../../src/matrix/crypto/keys/seed-cipher";

describe("crypto: sealing cross-signing seeds", function () {
  const seed = new Uint8Array(32).map((_, i) => i);

  it("round-trips, with a fresh IV each time", function () {
    const cipher = new SeedCipher("pickle key");
    const sealed = cipher.seal(seed, "@u:x|master");
    assert.notEqual(sealed, cipher.seal(seed, "@u:x|master"));
    assert.deepEqual(cipher.open(sealed, "@u:x|master"), seed);
    assert.ok(!sealed.includes(Buffer.from(seed).toString("base64")));
  });

  it("refuses another pickle key, another label (row) or an altered secret", function () {
    const sealed = new SeedCipher("pickle key").seal(seed, "@u:x|master");
    assert.throws(() => new SeedCipher("other key").open(sealed, "@u:x|master"));
    assert.throws(() => new SeedCipher("pickle key").open(sealed, "@u:x|self_signing"));
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[20] ^= 1;
    assert.throws(() => new SeedCipher("pickle key").open(`v1:${bytes.toString("base64")}`, "@u:x|master"));
  });
});
