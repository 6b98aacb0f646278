import assert from "node:assert/strict";
import {
  fallbackKeyNeedsRotation,
  FALLBACK_ROTATION_MIN_INTERVAL_MS,
  oneTimeKeysToGenerate,
} from "../../../src/matrix/crypto/devices/one-time-keys";
import { crossSigningKeyId, deviceKeyId, hasValidSignature } from "../../../src/matrix/crypto/keys/signing";
import { type CryptoPrimitives, loadLibolm } from "../../../src/matrix/crypto/olm";
import { type Clock, startBridge, type TestBridge } from "./support/bridges";
import { FakeKeyServer } from "./support/fake-key-server";

type Json = Record<string, unknown>;
type Signed = Json & { signatures: Record<string, Record<string, string>>; keys: Record<string, string> };

describe("crypto: one-time key bookkeeping rules", function () {
  it("keeps half of what libolm can hold on the homeserver", function () {
    assert.equal(oneTimeKeysToGenerate(0, 100), 50);
    assert.equal(oneTimeKeysToGenerate(20, 100), 30);
    assert.equal(oneTimeKeysToGenerate(50, 100), 0);
    assert.equal(oneTimeKeysToGenerate(80, 100), 0);
  });

  it("replaces a used fallback key, at most once an hour", function () {
    assert.equal(fallbackKeyNeedsRotation(["signed_curve25519"], 0, 10 * FALLBACK_ROTATION_MIN_INTERVAL_MS), false, "still unused");
    assert.equal(fallbackKeyNeedsRotation([], null, 0), true);
    assert.equal(fallbackKeyNeedsRotation([], 1000, 1000 + FALLBACK_ROTATION_MIN_INTERVAL_MS - 1), false);
    assert.equal(fallbackKeyNeedsRotation([], 1000, 1000 + FALLBACK_ROTATION_MIN_INTERVAL_MS), true);
  });
});

describe("crypto: our devices and their keys", function () {
  let olm: CryptoPrimitives;
  let server: FakeKeyServer;
  let clock: Clock;
  let bridge: TestBridge;
  let ghost: string;
  const verify = (key: string, message: string, signature: string) => olm.verifyEd25519(key, message, signature);

  before(async function () {
    olm = await loadLibolm();
  });

  beforeEach(async function () {
    server = new FakeKeyServer();
    clock = { now: 1_800_000_000_000 };
    bridge = await startBridge(server, "a_", { clock });
    ghost = bridge.user("ghost");
  });

  const uploads = () => server.requests.filter((r) => r.path.endsWith("/keys/upload"));

  it("creates a device without logging in, uploads its keys and signs it with the user's self-signing key", async function () {
    const deviceId = await bridge.engine.ensureUserDevice(ghost);
    assert.ok(server.registered.has(ghost), "registered before its device was created");
    const steps = server.requests.map((r) => `${r.method} ${r.path.replace("/_matrix/client/v3", "")}`);
    assert.deepEqual(steps, [
      `PUT /devices/${deviceId}`,
      "POST /keys/device_signing/upload",
      "POST /keys/upload",
      "POST /keys/signatures/upload",
    ]);
    assert.ok(server.requests.every((r) => r.userId === ghost), "every request masquerades as the ghost");
    assert.equal(uploads()[0].deviceId, deviceId, "keys uploaded as the device");
    const uploaded = uploads()[0].body.device_keys as Signed;
    const uploadedSsk = Object.values((server.crossSigning.get(ghost)!.selfSigning as Signed).keys)[0];
    assert.ok(uploaded.signatures[ghost][crossSigningKeyId(uploadedSsk)], "the device keys are uploaded already signed by the self-signing key");

    const keys = server.deviceKeys(ghost, deviceId) as Signed;
    const ed25519 = keys.keys[deviceKeyId(deviceId)];
    assert.ok(hasValidSignature(keys, ghost, deviceKeyId(deviceId), ed25519, verify), "self-signed");
    const cs = server.crossSigning.get(ghost)!;
    const masterKey = Object.values((cs.master as Signed).keys)[0];
    const sskKey = Object.values((cs.selfSigning as Signed).keys)[0];
    assert.deepEqual((cs.master as Signed).usage, ["master"]);
    assert.ok(hasValidSignature(cs.selfSigning, ghost, crossSigningKeyId(masterKey), masterKey, verify), "self-signing key signed by master");
    assert.ok(hasValidSignature(cs.userSigning, ghost, crossSigningKeyId(masterKey), masterKey, verify), "user-signing key signed by master");
    assert.ok(hasValidSignature(keys, ghost, crossSigningKeyId(sskKey), sskKey, verify), "device signed by the self-signing key");

    assert.equal(server.oneTimeKeyCount(ghost, deviceId), 50);
    for (const key of server.devices.get(ghost)!.get(deviceId)!.oneTimeKeys.values()) {
      assert.ok(hasValidSignature(key, ghost, deviceKeyId(deviceId), ed25519, verify), "one-time keys are signed");
    }
    assert.deepEqual(server.keyCounts(ghost, deviceId).unusedFallback, ["signed_curve25519"]);
  });

  it("sets up a device once, also when asked concurrently", async function () {
    const ids = await Promise.all([1, 2, 3].map(() => bridge.engine.ensureUserDevice(ghost)));
    assert.equal(new Set(ids).size, 1);
    assert.equal(server.requests.filter((r) => r.path.endsWith("/devices/" + ids[0])).length, 1);
  });

  it("resumes an interrupted setup with the same device", async function () {
    let failures = 1;
    const flaky = await startBridge(server, "f_");
    const original = server.registered.add.bind(server.registered);
    server.registered.add = (userId: string) => {
      if (failures-- > 0) throw new Error("homeserver unavailable");
      return original(userId);
    };
    const user = flaky.user("ghost");
    await assert.rejects(flaky.engine.ensureUserDevice(user), /unavailable/);
    const [row] = await flaky.store.dataSource.query("SELECT device_id FROM crypto_accounts WHERE user_id = ?", [user]);
    const deviceId = await flaky.engine.ensureUserDevice(user);
    assert.equal(deviceId, row.device_id);
    assert.ok(server.deviceKeys(user, deviceId));
  });

  it("refuses to make devices for users that are not the bridge's", async function () {
    await assert.rejects(bridge.engine.ensureUserDevice("@someone:fake"), /not one of the bridge's users/);
  });

  it("tops one-time keys back up to 50 from the counts in transactions", async function () {
    const deviceId = await bridge.engine.ensureUserDevice(ghost);
    const device = server.devices.get(ghost)!.get(deviceId)!;
    for (const id of [...device.oneTimeKeys.keys()].slice(0, 30)) device.oneTimeKeys.delete(id);
    await bridge.engine.handleKeyCounts({ [ghost]: { [deviceId]: { signed_curve25519: 20 } } }, {});
    assert.equal(server.oneTimeKeyCount(ghost, deviceId), 50);
    const before = uploads().length;
    await bridge.engine.handleKeyCounts({ [ghost]: { [deviceId]: { signed_curve25519: 50 } } }, {});
    assert.equal(uploads().length, before, "nothing to do at the target");
  });

  it("does not pile up keys on a stale count", async function () {
    const deviceId = await bridge.engine.ensureUserDevice(ghost);
    for (let i = 0; i < 5; i++) await bridge.engine.handleKeyCounts({ [ghost]: { [deviceId]: { signed_curve25519: 3 } } }, {});
    assert.equal(server.oneTimeKeyCount(ghost, deviceId), 50);
    const withKeys = uploads().filter((r) => r.body.one_time_keys);
    assert.equal(withKeys.length, 1, "only the first upload carried one-time keys");
  });

  it("replaces the fallback key once it was used, at most once an hour", async function () {
    const deviceId = await bridge.engine.ensureUserDevice(ghost);
    const firstFallback = server.devices.get(ghost)!.get(deviceId)!.fallback!.id;
    server.devices.get(ghost)!.get(deviceId)!.fallback!.used = true;
    clock.now += FALLBACK_ROTATION_MIN_INTERVAL_MS;
    await bridge.engine.handleKeyCounts({}, { [ghost]: { [deviceId]: [] } });
    const fallback = server.devices.get(ghost)!.get(deviceId)!.fallback!;
    assert.notEqual(fallback.id, firstFallback);
    assert.equal(fallback.used, false);

    fallback.used = true;
    await bridge.engine.handleKeyCounts({}, { [ghost]: { [deviceId]: [] } });
    assert.equal(server.devices.get(ghost)!.get(deviceId)!.fallback!.id, fallback.id, "not again within the hour");
    await bridge.engine.handleKeyCounts({}, { [ghost]: { [deviceId]: ["signed_curve25519"] } });
    assert.equal(server.devices.get(ghost)!.get(deviceId)!.fallback!.id, fallback.id, "an unused one stays");
  });

  it("ignores counts for ids that are not its devices (cross-signing keys, other users)", async function () {
    const deviceId = await bridge.engine.ensureUserDevice(ghost);
    const masterKey = Object.values((server.crossSigning.get(ghost)!.master as Signed).keys)[0];
    const before = server.requests.length;
    await bridge.engine.handleKeyCounts(
      { [ghost]: { [deviceId]: { signed_curve25519: 50 }, [masterKey]: {} }, "@someone:fake": { DEV: { signed_curve25519: 0 } } },
      { [ghost]: { [masterKey]: [] }, "@someone:fake": { DEV: [] } },
    );
    assert.equal(server.requests.length, before);
  });

  it("stores the account pickled with the pickle key, and cross-signing seeds sealed", async function () {
    const deviceId = await bridge.engine.ensureUserDevice(ghost);
    const [account] = await bridge.store.dataSource.query("SELECT pickle FROM crypto_accounts WHERE user_id = ?", [ghost]);
    assert.throws(() => olm.unpickleAccount("another key", account.pickle));
    const unpickled = olm.unpickleAccount("unit test pickle key", account.pickle);
    assert.equal(unpickled.identityKeys().ed25519, (server.deviceKeys(ghost, deviceId) as Signed).keys[deviceKeyId(deviceId)]);
    unpickled.free();
    const [seeds] = await bridge.store.dataSource.query("SELECT master_seed, self_signing_seed FROM crypto_cross_signing_keys WHERE user_id = ?", [ghost]);
    assert.match(seeds.master_seed, /^v1:/);
    assert.notEqual(seeds.master_seed, seeds.self_signing_seed);
  });
});
