import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { E2E_SETUP_TIMEOUT_MS, type E2EEnvironment, getE2EEnvironment, uniqueLocalpart } from "./harness";
import { BridgeProcess } from "./harness/bridge-process";
import { deepMerge } from "./harness/deep-merge";
import { startSynapse } from "./harness/synapse";
import { makeTempDir } from "./harness/temp-dir";

// Tests of the harness itself: the homeserver, real clients and the bridge process it provides.
describe("e2e harness", function () {
  let env: E2EEnvironment;

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    env = await getE2EEnvironment();
  });

  it("registers users through the admin API and delivers a message between two real clients", async function () {
    const alice = await env.registerUser(uniqueLocalpart("alice"), { displayName: "Alice" });
    const bob = await env.registerUser(uniqueLocalpart("bob"));
    assert.match(alice.userId, /^@alice-.+:localhost$/);
    const aliceClient = await env.createClient(alice);
    const bobClient = await env.createClient(bob);

    const roomId = await aliceClient.createDirectRoom(bob.userId);
    await bobClient.waitForMembership(roomId, bob.userId, "invite");
    await bobClient.joinRoom(roomId);
    await aliceClient.waitForMembership(roomId, bob.userId, "join");
    const eventId = await aliceClient.sendText(roomId, "hello from the harness");

    const received = await bobClient.waitForEvent(roomId, (event) => event.getId() === eventId);
    assert.equal(received.getContent().body, "hello from the harness");
    assert.equal(received.getSender(), alice.userId);
    assert.equal((await bobClient.getProfile(alice.userId)).displayname, "Alice");
  });

  it("waitForEvent also finds events already in the timeline", async function () {
    const carol = await env.registerUser(uniqueLocalpart("carol"));
    const client = await env.createClient(carol);
    const { room_id: roomId } = await client.matrix.createRoom({ name: "already there" });
    const eventId = await client.sendText(roomId, "sent before waiting");
    await client.waitForEvent(roomId, (event) => event.getId() === eventId);
    const again = await client.waitForEvent(roomId, (event) => event.getId() === eventId, 100);
    assert.equal(again.getContent().body, "sent before waiting");
  });

  it("starts the bridge registered as an appservice, with its bot user on the homeserver", async function () {
    assert.equal(env.registration.sender_localpart, "switchboard");
    assert.equal(env.registration.url, env.bridgeUrl);
    assert.equal(env.botUserId, "@switchboard:localhost");
    const health = await fetch(`${env.bridgeUrl}/health`);
    assert.equal(health.status, 200);
    // The homeserver accepts the bridge's as_token: it loaded the generated registration.
    const whoami = await fetch(`${env.homeserverUrl}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: `Bearer ${env.registration.as_token}` },
    });
    assert.equal(whoami.status, 200);
    assert.equal(((await whoami.json()) as { user_id: string }).user_id, env.botUserId);
  });

  it("restarts the bridge on the same config and database", async function () {
    this.timeout(60_000);
    const starts = async () => (await readFile(env.logs.bridge, "utf8")).match(/^=== start /gm)?.length ?? 0;
    const before = await starts();
    await env.restartBridge();
    assert.equal((await fetch(`${env.bridgeUrl}/health`)).status, 200);
    assert.equal(await starts(), before + 1);
  });

  it("stops the bridge with SIGTERM and a clean exit; the next getE2EEnvironment starts it again", async function () {
    this.timeout(60_000);
    const exit = await env.stopBridge();
    assert.deepEqual(exit, { code: 0, signal: null });
    await assert.rejects(fetch(`${env.bridgeUrl}/health`));
    env = await getE2EEnvironment();
    assert.equal((await fetch(`${env.bridgeUrl}/health`)).status, 200);
  });
});

describe("e2e harness: encrypted chat between two Rust-crypto clients", function () {
  it("sets up cross-signing and delivers a Megolm message the other client decrypts", async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    const env = await getE2EEnvironment();
    this.timeout(30_000);
    const alice = await env.createClient(await env.registerUser(uniqueLocalpart("alice")), { crypto: true });
    const bob = await env.createClient(await env.registerUser(uniqueLocalpart("bob")), { crypto: true });
    await alice.bootstrapCrossSigning();
    assert.equal(await alice.matrix.getCrypto()!.isCrossSigningReady(), true);

    const { room_id: roomId } = await alice.matrix.createRoom({
      invite: [bob.userId],
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    await bob.waitForMembership(roomId, bob.userId, "invite");
    await bob.joinRoom(roomId);
    await alice.waitForMembership(roomId, bob.userId, "join");
    const eventId = await alice.sendText(roomId, "secret hello");

    const received = await bob.waitForEvent(roomId, (event) => event.getId() === eventId && event.getType() === "m.room.message");
    assert.equal(received.isEncrypted(), true);
    assert.equal(received.getContent().body, "secret hello");
  });
});

describe("e2e harness: configuration overrides", function () {
  afterEach(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    await getE2EEnvironment(); // back to the base config for the suites that follow
  });

  it("restarts the bridge with merged overrides, and Synapse too when the registration changes", async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    const base = await getE2EEnvironment();
    const earlier = await base.createClient(await base.registerUser(uniqueLocalpart("erin")));
    const withoutInstagram = await getE2EEnvironment({ networks: { instagram: { enabled: false } } });
    assert.deepEqual(withoutInstagram.bridgeConfig.networks, {
      whatsapp: { enabled: true },
      messenger: { enabled: true },
      instagram: { enabled: false },
    });
    assert.equal(withoutInstagram.registration.as_token, base.registration.as_token, "tokens are kept");
    assert.notDeepEqual(withoutInstagram.registration.namespaces, base.registration.namespaces);
    assert.equal((await fetch(`${withoutInstagram.bridgeUrl}/health`)).status, 200);
    // Synapse restarted with the new registration: it no longer routes instagram protocols to the bridge.
    const user = await withoutInstagram.registerUser(uniqueLocalpart("dora"));
    const protocols = await requestProtocols(withoutInstagram.homeserverUrl, user.accessToken);
    assert.deepEqual(Object.keys(protocols).sort(), ["messenger", "whatsapp"]);
    // A client started before the homeserver restart syncs again.
    const { room_id: roomId } = await earlier.matrix.createRoom({});
    const eventId = await earlier.sendText(roomId, "after the restart");
    await earlier.waitForEvent(roomId, (event) => event.getId() === eventId && !event.status, 20_000);
  });
});

async function requestProtocols(homeserverUrl: string, accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${homeserverUrl}/_matrix/client/v3/thirdparty/protocols`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

describe("e2e harness: failed starts", function () {
  it("reports a bridge that exits during start with its exit code and the end of its log", async function () {
    this.timeout(60_000);
    const bridge = new BridgeProcess({ dir: join(makeTempDir(), "bridge") });
    await bridge.writeConfig({ homeserver: { url: "not a url", domain: "localhost" } });
    await assert.rejects(bridge.start(), (err: Error) => {
      assert.match(err.message, /^the bridge exited with code 2\n/);
      assert.match(err.message, /--- last lines of bridge log \(.*bridge\.log\) ---\n[^]*homeserver\.url[^]*--- end of bridge log ---/);
      return true;
    });
    assert.equal(bridge.running, false);
  });

  it("reports a Synapse that exits during start with the end of its logs", async function () {
    this.timeout(60_000);
    const start = startSynapse({
      dir: join(makeTempDir(), "synapse"),
      appserviceRegistrations: [],
      homeserverOverrides: { database: { name: "no-such-engine" } },
    });
    await assert.rejects(start, (err: Error) => {
      assert.match(err.message, /^Synapse on port \d+ exited with code \d+\n/);
      assert.match(err.message, /--- last lines of Synapse console [^]*no-such-engine/);
      return true;
    });
  });
});

describe("e2e harness: config merging", function () {
  it("merges objects recursively, replaces arrays and scalars, and removes keys set to undefined", function () {
    const base = { a: { b: 1, c: [1, 2], d: "x" }, e: true };
    const merged = deepMerge(base, { a: { c: [3], d: undefined, f: null }, g: 2 });
    assert.deepEqual(merged, { a: { b: 1, c: [3], f: null }, e: true, g: 2 });
    assert.deepEqual(base, { a: { b: 1, c: [1, 2], d: "x" }, e: true }, "the base is not modified");
  });
});
