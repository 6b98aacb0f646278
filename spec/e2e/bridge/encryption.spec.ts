import { strict as assert } from "node:assert";
import type { MatrixEvent } from "matrix-js-sdk";
import { EventShieldColour, OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api/index.js";
import { startGraphEmulator, type GraphEmulator } from "../../../src/emulator";
import { registerTeardown } from "../../support/fixtures";
import { createDecipheriv, createHash } from "node:crypto";
import { downloadMedia, randomPng } from "../harness/media";
import { E2E_SETUP_TIMEOUT_MS, freeLocalPort, getE2EEnvironment, uniqueLocalpart, type E2EEnvironment, type TestClient } from "../harness";

const ACCOUNT = "106540352242999";
const PERSON = "15557770001";
const APP_SECRET = "e2ee-app-secret";

describe("end-to-bridge encryption (real Synapse, matrix-js-sdk Rust crypto as Element)", function () {
  this.timeout(90_000);
  let env: E2EEnvironment;
  let emulator: GraphEmulator;
  let alice: TestClient;
  let portal: string;
  let counter = 0;

  const fromGhost = (text: string) => (event: MatrixEvent) =>
    event.getSender() === `@whatsapp_${PERSON}:localhost` && event.getContent().body === text;

  /** A person's message, read by `reader`: decrypted, with no shield at all. */
  async function inboundReadWithoutShield(reader: TestClient, roomId = portal): Promise<MatrixEvent> {
    const text = `Encrypted hello ${++counter}`;
    assert.equal((await emulator.inbound({ network: "whatsapp", accountId: ACCOUNT, from: PERSON, name: "Erin Encrypted", text })).status, 200);
    const event = await reader.waitForEvent(roomId, fromGhost(text), 30_000);
    assert.equal(event.isEncrypted(), true, "the ghost's message was encrypted");
    const info = await reader.matrix.getCrypto()!.getEncryptionInfoForEvent(event);
    assert.ok(info, "encryption info");
    assert.equal(info.shieldColour, EventShieldColour.NONE, `shield ${info.shieldColour}, reason ${info.shieldReason}`);
    return event;
  }

  /** A reply from `writer` reaches WhatsApp as exactly that plain text. */
  async function replyReachesNetwork(writer: TestClient, roomId = portal): Promise<void> {
    const text = `Encrypted reply ${++counter}`;
    emulator.clearSent();
    await writer.sendText(roomId, text);
    const [request] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 30_000);
    assert.deepEqual((request!.body as { text: unknown }).text, { body: text, preview_url: false });
  }

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    const webhookPort = await freeLocalPort();
    const aliceLocalpart = uniqueLocalpart("alice-e2ee");
    emulator = await startGraphEmulator({
      accounts: [{ network: "whatsapp", id: ACCOUNT, accessToken: "token-e2ee", appSecret: APP_SECRET, verifyToken: "v", webhookUrl: `http://127.0.0.1:${webhookPort}/webhooks/whatsapp` }],
    });
    registerTeardown(() => emulator.stop());
    env = await getE2EEnvironment({
      webhooks: { port: webhookPort },
      encryption: { enabled: true, default: true, pickle_key: "e2e-pickle-key-0123456789abcdefghijklmnop" },
      networks: {
        whatsapp: {
          enabled: true,
          graph_api: { base_url: emulator.url, max_retries: 1 },
          app_secret: APP_SECRET,
          verify_token: "v",
          accounts: [{ id: ACCOUNT, name: "Encrypted support", access_token: "token-e2ee" }],
          invite: [`@${aliceLocalpart}:localhost`],
        },
        messenger: { enabled: false },
        instagram: { enabled: false },
      },
    });
    const user = await env.registerUser(aliceLocalpart);
    alice = await env.createClient(user, { crypto: true });
    await alice.bootstrapCrossSigning();
  });

  it("creates the portal encrypted; the ghost's message decrypts with no shield", async () => {
    const text = "First encrypted hello";
    assert.equal((await emulator.inbound({ network: "whatsapp", accountId: ACCOUNT, from: PERSON, name: "Erin Encrypted", text })).status, 200);
    portal = await alice.waitForInvite(() => true, 30_000);
    await alice.joinRoom(portal);
    assert.equal(alice.matrix.getRoom(portal)!.hasEncryptionStateEvent(), true);
    const event = await alice.waitForEvent(portal, fromGhost(text), 30_000);
    const info = await alice.matrix.getCrypto()!.getEncryptionInfoForEvent(event);
    assert.equal(info!.shieldColour, EventShieldColour.NONE, `shield reason ${info!.shieldReason}`);
    await inboundReadWithoutShield(alice);
  });

  it("bridges the user's encrypted reply to WhatsApp as plain text", async () => {
    await replyReachesNetwork(alice);
  });

  it("keeps working after a bridge restart", async () => {
    await env.restartBridge();
    await inboundReadWithoutShield(alice);
    await replyReachesNetwork(alice);
  });

  it("lets a second device of the user read new messages, and bridges what it sends", async () => {
    const second = await env.createClient(await env.loginUser(alice.user), { crypto: true });
    await second.waitForMembership(portal, alice.userId, "join", 30_000);
    await inboundReadWithoutShield(second);
    await replyReachesNetwork(second);
  });

  it("rotates the room key when a member leaves", async () => {
    const bob = await env.createClient(await env.registerUser(uniqueLocalpart("bob-e2ee")), { crypto: true });
    await bob.bootstrapCrossSigning();
    await alice.matrix.invite(portal, bob.userId);
    await bob.waitForInvite((roomId) => roomId === portal, 30_000);
    await bob.joinRoom(portal);
    const seenByBob = await inboundReadWithoutShield(bob);
    await bob.matrix.leave(portal);
    await alice.waitForMembership(portal, bob.userId, "leave", 30_000);
    const afterLeave = await inboundReadWithoutShield(alice);
    assert.notEqual(afterLeave.getWireContent().session_id, seenByBob.getWireContent().session_id, "a new Megolm session after the leave");
    await replyReachesNetwork(alice);
  });

  it("works for a client that only trusts cross-signed devices", async () => {
    alice.matrix.getCrypto()!.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
    await inboundReadWithoutShield(alice);
    await replyReachesNetwork(alice);
  });

  it("brings a photo into the encrypted portal as an EncryptedFile whose bytes decrypt unchanged", async () => {
    const png = randomPng();
    await emulator.inboundMedia({ network: "whatsapp", accountId: ACCOUNT, from: PERSON, files: [{ kind: "image", data: png, mimeType: "image/png" }] });
    const event = await alice.waitForEvent(portal, (e) => e.getSender() === `@whatsapp_${PERSON}:localhost` && e.getContent().msgtype === "m.image", 30_000);
    const file = event.getContent().file as { url: string; key: { k: string }; iv: string; hashes: { sha256: string } };
    assert.ok(file, "an EncryptedFile, not a plain url");
    assert.equal(event.getContent().url, undefined);
    const ciphertext = await downloadMedia(env, alice, file.url);
    assert.equal(createHash("sha256").update(ciphertext).digest("base64").replace(/=+$/, ""), file.hashes.sha256.replace(/=+$/, ""));
    const decipher = createDecipheriv("aes-256-ctr", Buffer.from(file.key.k, "base64url"), Buffer.from(file.iv, "base64"));
    assert.deepEqual(Buffer.concat([decipher.update(ciphertext), decipher.final()]), png);
  });

  it("answers commands in an encrypted direct chat with the bot", async () => {
    const dm = await alice.createDirectRoom(env.botUserId, { encrypted: true });
    await alice.waitForMembership(dm, env.botUserId, "join", 30_000);
    await alice.sendText(dm, "version");
    const reply = await alice.waitForEvent(dm, (e) => e.getSender() === env.botUserId && /^Switchboard \d/.test(String(e.getContent().body)), 30_000);
    assert.equal(reply.isEncrypted(), true);
    const info = await alice.matrix.getCrypto()!.getEncryptionInfoForEvent(reply);
    assert.equal(info!.shieldColour, EventShieldColour.NONE);
  });
});
