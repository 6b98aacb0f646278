import { strict as assert } from "node:assert";
import type { MatrixEvent } from "matrix-js-sdk";
import { startGraphEmulator, type EmulatedNetwork, type GraphEmulator } from "../../../src/emulator";
import { registerTeardown } from "../../support/fixtures";
import {
  E2E_SETUP_TIMEOUT_MS,
  freeLocalPort,
  getE2EEnvironment,
  uniqueLocalpart,
  type E2EEnvironment,
  type TestClient,
} from "../harness";

interface NetworkCase {
  network: EmulatedNetwork;
  label: string;
  account: string;
  person: string;
  name: string;
  /** what the network's send API must have received for the reply */
  expectedSend(text: string): Record<string, unknown>;
}

const CASES: NetworkCase[] = [
  {
    network: "whatsapp",
    label: "WhatsApp",
    account: "106540352242922",
    person: "15551230001",
    name: "Wanda Whats",
    expectedSend: (text) => ({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "15551230001",
      type: "text",
      text: { body: text, preview_url: false },
    }),
  },
  {
    network: "messenger",
    label: "Messenger",
    account: "1122334455",
    person: "6543210987654321",
    name: "Max Messenger",
    expectedSend: (text) => ({ recipient: { id: "6543210987654321" }, messaging_type: "RESPONSE", message: { text } }),
  },
  {
    network: "instagram",
    label: "Instagram",
    account: "17841400000000001",
    person: "1234567890123456",
    name: "Ines Insta",
    expectedSend: (text) => ({ recipient: { id: "1234567890123456" }, message: { text } }),
  },
];

const APP_SECRET = "e2e-app-secret";
const VERIFY_TOKEN = "e2e-verify-token";
const tokenOf = (c: NetworkCase) => `token-${c.network}`;

describe("the three networks, end to end (real Synapse, Graph API emulator)", function () {
  this.timeout(60_000);
  let env: E2EEnvironment;
  let emulator: GraphEmulator;
  let alice: TestClient;

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    const webhookPort = await freeLocalPort();
    const aliceLocalpart = uniqueLocalpart("alice");
    emulator = await startGraphEmulator({
      accounts: CASES.map((c) => ({
        network: c.network,
        id: c.account,
        accessToken: tokenOf(c),
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
        appId: "987654321",
        webhookUrl: `http://127.0.0.1:${webhookPort}/webhooks/${c.network}`,
        name: `${c.label} support`,
      })),
      users: CASES.filter((c) => c.network !== "whatsapp").map((c) => ({
        network: c.network,
        id: c.person,
        name: c.name,
        firstName: c.name.split(" ")[0],
        lastName: c.name.split(" ")[1],
        username: c.name.toLowerCase().replace(" ", "."),
      })),
    });
    registerTeardown(() => emulator.stop());
    const network = (c: NetworkCase) => ({
      enabled: true,
      graph_api: { base_url: emulator.url, max_retries: 1 },
      app_secret: APP_SECRET,
      verify_token: VERIFY_TOKEN,
      app_id: "987654321",
      accounts: [{ id: c.account, name: `${c.label} support`, access_token: tokenOf(c) }],
      invite: [`@${aliceLocalpart}:localhost`],
    });
    env = await getE2EEnvironment({
      webhooks: { port: webhookPort },
      networks: Object.fromEntries(CASES.map((c) => [c.network, network(c)])),
    });
    alice = await env.createClient(await env.registerUser(aliceLocalpart));
  });

  for (const c of CASES) {
    describe(c.label, () => {
      let portal: string;
      const fromGhost = (text: string) => (event: MatrixEvent) =>
        event.getSender()?.startsWith(`@${c.network}_`) === true && event.getContent().body === text;

      it("answers Meta's webhook verification handshake", async () => {
        const good = await emulator.verifyWebhook(c.network);
        assert.equal(good.status, 200);
        assert.equal(good.body, good.challenge);
        assert.equal((await emulator.verifyWebhook(c.network, { verifyToken: "wrong" })).status, 403);
      });

      it("turns a person's first message into a portal the configured user is invited to, with the text from the ghost", async () => {
        const invitedBefore = new Set(alice.matrix.getRooms().map((r) => r.roomId));
        const delivery = await emulator.inbound({ network: c.network, accountId: c.account, from: c.person, name: c.network === "whatsapp" ? c.name : undefined, text: `Hello from ${c.label}` });
        assert.equal(delivery.status, 200);
        portal = await alice.waitForInvite((roomId) => !invitedBefore.has(roomId), 20_000);
        await alice.joinRoom(portal);
        const message = await alice.waitForEvent(portal, fromGhost(`Hello from ${c.label}`), 20_000);
        const ghost = message.getSender()!;
        const profile = await alice.getProfile(ghost);
        assert.equal(profile.displayname, `${c.name} (${c.label})`);
        const room = alice.matrix.getRoom(portal)!;
        assert.equal(room.name, c.name);
        const bridgeInfo = room.currentState.getStateEvents("m.bridge");
        assert.equal(bridgeInfo.length, 1);
        assert.equal(bridgeInfo[0]!.getContent().protocol.id, c.network);
      });

      it("sends the user's reply to the person through the account, as exactly the documented request", async () => {
        emulator.clearSent();
        await alice.sendText(portal, `Reply from Matrix to ${c.label}`);
        const [request] = await emulator.waitForSent({ network: c.network, kind: "message" }, 1, 20_000);
        assert.equal(request!.accountId, c.account);
        assert.equal(request!.status, 200);
        assert.deepEqual(request!.body, c.expectedSend(`Reply from Matrix to ${c.label}`));
      });

      it("puts a second message into the same portal", async () => {
        const rooms = alice.matrix.getRooms().length;
        assert.equal((await emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "Second message" })).status, 200);
        await alice.waitForEvent(portal, fromGhost("Second message"), 20_000);
        assert.equal(alice.matrix.getRooms().length, rooms, "no new room");
      });

      it("bridges a repeated delivery once, and ignores one with a bad or missing signature", async () => {
        const signed = await emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "Signed message" });
        await alice.waitForEvent(portal, fromGhost("Signed message"), 20_000);
        assert.equal((await emulator.deliver(c.network, signed.payload, { signature: "valid" })).status, 200, "Meta's retry is acknowledged");
        const tampered = JSON.parse(
          JSON.stringify(signed.payload).replaceAll("Signed message", "Tampered text").replaceAll(signed.messageId, signed.messageId + "x"),
        ) as unknown;
        for (const signature of ["wrong", "missing"] as const) {
          const refused = await emulator.deliver(c.network, tampered, { signature });
          assert.ok(refused.status === 401 || refused.status === 403, `${signature} signature: status ${refused.status}`);
        }
        // Remote events of one chat are handled in order: once a later message is in, a forged one would be too.
        assert.equal((await emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "Marker" })).status, 200);
        await alice.waitForEvent(portal, fromGhost("Marker"), 20_000);
        const texts = alice.matrix.getRoom(portal)!.getLiveTimeline().getEvents().map((e) => e.getContent().body);
        assert.ok(!texts.includes("Tampered text"), "the forged delivery was not bridged");
        assert.equal(texts.filter((t) => t === "Signed message").length, 1, "the repeated delivery was not bridged twice");
      });

      it("tells the user, in the portal, when Meta refuses a reply because the 24-hour window closed", async () => {
        emulator.advanceClock(25 * 60 * 60 * 1000);
        const eventId = await alice.sendText(portal, "A reply too late");
        const notice = await alice.waitForEvent(
          portal,
          (e) => e.getSender() === env.botUserId && e.getContent()["m.relates_to"]?.["m.in_reply_to"]?.event_id === eventId,
          20_000,
        );
        assert.equal(notice.getContent().msgtype, "m.notice");
        assert.match(notice.getContent().body, new RegExp(`^Not delivered to ${c.label}: .*24 hours`));
      });
    });
  }
});
