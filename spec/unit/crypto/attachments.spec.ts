import assert from "node:assert/strict";
import { CryptoError, decryptAttachment, encryptAttachment } from "../../../src/matrix/crypto";

describe("crypto: encrypted attachments", function () {
  const image = Buffer.from("not really a PNG, but bytes all the same".repeat(100));

  it("round-trips, in the spec's EncryptedFile format", function () {
    const { data, info } = encryptAttachment(image);
    assert.notDeepEqual(data, image);
    assert.equal(data.length, image.length);
    assert.deepEqual(decryptAttachment(data, info), image);
    assert.equal(info.v, "v2");
    assert.deepEqual([info.key.kty, info.key.alg, info.key.ext], ["oct", "A256CTR", true]);
    assert.deepEqual(info.key.key_ops, ["encrypt", "decrypt"]);
    assert.match(info.key.k, /^[A-Za-z0-9_-]{43}$/, "unpadded base64url 256-bit key");
    assert.match(info.iv, /^[A-Za-z0-9+/]{22}$/, "unpadded base64 16-byte IV");
    assert.deepEqual(Buffer.from(info.iv, "base64").subarray(8), Buffer.alloc(8), "the counter half starts at zero");
    assert.match(info.hashes.sha256, /^[A-Za-z0-9+/]{43}$/);
  });

  it("uses a new key each time", function () {
    assert.notEqual(encryptAttachment(image).info.key.k, encryptAttachment(image).info.key.k);
  });

  it("refuses altered data or a wrong key", function () {
    const { data, info } = encryptAttachment(image);
    const altered = Buffer.from(data);
    altered[10] ^= 1;
    assert.throws(() => decryptAttachment(altered, info), CryptoError);
    assert.throws(() => decryptAttachment(data, { ...info, key: { ...info.key, k: "short" } }), CryptoError);
  });
});
