import assert from "node:assert/strict";
import { canonicalJson, CanonicalJsonError } from "../../../src/matrix/crypto/keys/canonical-json";
import { deviceKeyId, hasValidSignature, signingPayload, withSignature } from "../../../src/matrix/crypto/keys/signing";
import { type CryptoPrimitives, loadLibolm } from "../../../src/matrix/crypto/olm";

describe("crypto: canonical JSON", function () {
  // The examples of the Matrix specification's appendix on canonical JSON.
  const examples: [unknown, string][] = [
    [{}, "{}"],
    [{ one: 1, two: "Two" }, '{"one":1,"two":"Two"}'],
    [{ b: "2", a: "1" }, '{"a":"1","b":"2"}'],
    [
      { auth: { success: true, mxid: "@john.doe:example.com", profile: { display_name: "John Doe", three_pids: [{ medium: "email", address: "john.doe@example.org" }, { medium: "msisdn", address: "123456789" }] } } },
      '{"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}}',
    ],
    [{ a: "日本語" }, '{"a":"日本語"}'],
    [{ 本: 2, 日: 1 }, '{"日":1,"本":2}'],
    [{ a: "\u65E5" }, '{"a":"日"}'],
    [{ a: null }, '{"a":null}'],
    [{ a: -1, b: 1e10 }, '{"a":-1,"b":10000000000}'],
  ];
  for (const [input, expected] of examples) {
    it(`${JSON.stringify(input).slice(0, 40)} → ${expected.slice(0, 40)}`, function () {
      assert.equal(canonicalJson(input), expected);
    });
  }

  it("sorts by code point, not UTF-16 unit (astral characters after U+FFFx)", function () {
    assert.equal(canonicalJson({ "\u{1F600}": 1, "\uFFFD": 2 }), '{"\uFFFD":2,"\u{1F600}":1}');
  });

  it("escapes control characters and quotes as JSON requires", function () {
    assert.equal(canonicalJson({ a: 'x"\n\u0001' }), '{"a":"x\\"\\n\\u0001"}');
  });

  it("refuses values without a canonical form", function () {
    assert.throws(() => canonicalJson({ a: 1.5 }), CanonicalJsonError);
    assert.throws(() => canonicalJson({ a: 2 ** 53 }), CanonicalJsonError);
    assert.throws(() => canonicalJson({ a: new Date(0) }), CanonicalJsonError);
  });
});

describe("crypto: signing JSON", function () {
  let olm: CryptoPrimitives;
  before(async function () {
    olm = await loadLibolm();
  });

  it("matches the specification's signing examples", function () {
    const seed = new Uint8Array(Buffer.from("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1", "base64"));
    const signer = olm.signerFromSeed(seed);
    try {
      const sign = (payload: string) => signer.sign(payload);
      assert.deepEqual(withSignature({}, "domain", "ed25519:1", sign).signatures, {
        domain: { "ed25519:1": "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ" },
      });
      assert.deepEqual(withSignature({ one: 1, two: "Two" }, "domain", "ed25519:1", sign).signatures, {
        domain: { "ed25519:1": "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw" },
      });
    } finally {
      signer.free();
    }
  });

  it("signs without signatures and unsigned, and keeps earlier signatures", function () {
    const payload = signingPayload({ b: 1, a: 2, signatures: { x: { y: "z" } }, unsigned: { age: 5 } });
    assert.equal(payload, '{"a":2,"b":1}');
    const account = olm.createAccount();
    try {
      const earlier: Record<string, unknown> = { a: 1, signatures: { "@u:x": { "ed25519:OTHER": "sig" } } };
      const signed = withSignature(earlier, "@u:x", deviceKeyId("DEV"), (p) => account.sign(p));
      assert.equal(signed.signatures["@u:x"]["ed25519:OTHER"], "sig");
      assert.ok(signed.signatures["@u:x"]["ed25519:DEV"]);
    } finally {
      account.free();
    }
  });

  it("verifies a signature, and refuses it on changed content, another key id, user or key", function () {
    const account = olm.createAccount();
    const other = olm.createAccount();
    try {
      const verify = (key: string, message: string, signature: string) => olm.verifyEd25519(key, message, signature);
      const ed25519 = account.identityKeys().ed25519;
      const signed = withSignature({ user_id: "@u:x", keys: { k: "v" } }, "@u:x", "ed25519:DEV", (p) => account.sign(p));
      assert.equal(hasValidSignature(signed, "@u:x", "ed25519:DEV", ed25519, verify), true);
      assert.equal(hasValidSignature({ ...signed, unsigned: { added: true } }, "@u:x", "ed25519:DEV", ed25519, verify), true, "unsigned is not covered");
      assert.equal(hasValidSignature({ ...signed, keys: { k: "w" } }, "@u:x", "ed25519:DEV", ed25519, verify), false);
      assert.equal(hasValidSignature(signed, "@u:x", "ed25519:OTHER", ed25519, verify), false);
      assert.equal(hasValidSignature(signed, "@v:x", "ed25519:DEV", ed25519, verify), false);
      assert.equal(hasValidSignature(signed, "@u:x", "ed25519:DEV", other.identityKeys().ed25519, verify), false);
    } finally {
      account.free();
      other.free();
    }
  });
});
