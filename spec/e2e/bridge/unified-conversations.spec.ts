import { strict as assert } from "node:assert";
import type { MatrixEvent } from "matrix-js-sdk";
import { startGraphEmulator, type GraphEmulator } from "../../../src/emulator";
import { registerTeardown } from "../../support/fixtures";
import { E2E_SETUP_TIMEOUT_MS, freeLocalPort, getE2EEnvironment, uniqueLocalpart, type E2EEnvironment, type TestClient } from "../harness";

const H = 60 * 60 * 1000;
const WA_ACCOUNT = "106540352243333";
const WABA = "102290129340398";
const FB_PAGE = "1122334466";
const SECRET = "unified-secret";

describe("unified conversations: identity links, rooms across networks, windows and templates (real Synapse, emulator)", function () {
  this.timeout(90_000);
  let env: E2EEnvironment;
  let emulator: GraphEmulator;
  let alice: TestClient;

  const wa = (from: string) => ({ network: "whatsapp" as const, accountId: WA_ACCOUNT, from });
  const fb = (from: string) => ({ network: "messenger" as const, accountId: FB_PAGE, from });
  const bot = () => env.botUserId;
  const said = (text: string) => (e: MatrixEvent) => e.getContent().body === text;
  const textOf = (body: unknown) => (body as { text?: { body?: string }; message?: { text?: string } }).text?.body ?? (body as { message?: { text?: string } }).message?.text;

  async function newPortal(send: () => Promise<unknown>, text: string): Promise<string> {
    const before = new Set(alice.matrix.getRooms().map((r) => r.roomId));
    await send();
    const roomId = await alice.waitForInvite((id) => !before.has(id), 20_000);
    await alice.joinRoom(roomId);
    await alice.waitForEvent(roomId, said(text), 20_000);
    return roomId;
  }

  async function command(roomId: string, text: string, reply: RegExp): Promise<MatrixEvent> {
    await alice.sendText(roomId, text);
    return alice.waitForEvent(roomId, (e) => e.getSender() === bot() && reply.test(String(e.getContent().body)), 20_000);
  }

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    const webhookPort = await freeLocalPort();
    const aliceLocalpart = uniqueLocalpart("alice-unified");
    const webhookUrl = (network: string) => `http://127.0.0.1:${webhookPort}/webhooks/${network}`;
    emulator = await startGraphEmulator({
      accounts: [
        { network: "whatsapp", id: WA_ACCOUNT, wabaId: WABA, accessToken: "wa-token", appSecret: SECRET, verifyToken: "v", webhookUrl: webhookUrl("whatsapp") },
        { network: "messenger", id: FB_PAGE, accessToken: "fb-token", appSecret: SECRET, verifyToken: "v", appId: "777", humanAgent: true, webhookUrl: webhookUrl("messenger") },
      ],
      users: [
        { network: "messenger", id: "7100000000000001", firstName: "Bo", lastName: "Both" },
        { network: "messenger", id: "7100000000000002", firstName: "Max", lastName: "Group" },
      ],
    });
    registerTeardown(() => emulator.stop());
    const common = { enabled: true, graph_api: { base_url: emulator.url, max_retries: 1 }, app_secret: SECRET, verify_token: "v", app_id: "777", invite: [`@${aliceLocalpart}:localhost`] };
    env = await getE2EEnvironment({
      webhooks: { port: webhookPort },
      permissions: { [`@${aliceLocalpart}:localhost`]: "admin" },
      networks: {
        whatsapp: { ...common, accounts: [{ id: WA_ACCOUNT, access_token: "wa-token", waba_id: WABA }] },
        messenger: { ...common, human_agent: true, accounts: [{ id: FB_PAGE, access_token: "fb-token" }] },
        instagram: { enabled: false },
      },
    });
    alice = await env.createClient(await env.registerUser(aliceLocalpart));
  });

  describe("one person on two networks", () => {
    let contact: string;

    it("merges the person's WhatsApp and Messenger chats into one room with two ghosts", async () => {
      const now = Date.now();
      const fbRoom = await newPortal(() => emulator.inbound({ ...fb("7100000000000001"), text: "Bo on Messenger", timestamp: now - 26 * H }), "Bo on Messenger");
      const waRoom = await newPortal(() => emulator.inbound({ ...wa("15557100001"), name: "Bo Both", text: "Bo on WhatsApp", timestamp: now - 25 * H }), "Bo on WhatsApp");
      await command(waRoom, "!sb link messenger:7100000000000001", /^Linked whatsapp:15557100001 and messenger:7100000000000001 as one person/);
      contact = fbRoom; // the older chat's room is kept, with its history
      await alice.waitForEvent(waRoom, (e) => e.getSender() === bot() && /continues in the person's contact room/.test(String(e.getContent().body)), 20_000);
      await emulator.inbound({ ...wa("15557100001"), text: "WhatsApp again", timestamp: now - 24.9 * H });
      await emulator.inbound({ ...fb("7100000000000001"), text: "Messenger again", timestamp: now - 25.9 * H });
      const fromWa = await alice.waitForEvent(contact, said("WhatsApp again"), 20_000);
      const fromFb = await alice.waitForEvent(contact, said("Messenger again"), 20_000);
      assert.equal(fromWa.getSender(), "@whatsapp_15557100001:localhost");
      assert.equal(fromFb.getSender(), "@messenger_7100000000000001:localhost");
    });

    it("replies on the other network when the last-used one's window closed (Messenger's human agent, 7 days)", async () => {
      emulator.clearSent();
      await alice.sendText(contact, "Sorry for the wait");
      const [sent] = await emulator.waitForSent({ network: "messenger", kind: "message" }, 1, 20_000);
      assert.equal(sent!.status, 200);
      assert.deepEqual(sent!.body, { recipient: { id: "7100000000000001" }, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { text: "Sorry for the wait" } });
      assert.equal(emulator.sent({ network: "whatsapp", kind: "message" }).length, 0, "nothing went out blindly on WhatsApp");
    });

    it("replies on the network the person last wrote from", async () => {
      await emulator.inbound({ ...wa("15557100001"), text: "WhatsApp now" });
      await alice.waitForEvent(contact, said("WhatsApp now"), 20_000);
      emulator.clearSent();
      await alice.sendText(contact, "Got it");
      const [sent] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 20_000);
      assert.equal(textOf(sent!.body), "Got it");
    });

    it("keeps the link and the merged room over a bridge restart", async () => {
      await env.restartBridge();
      await emulator.inbound({ ...fb("7100000000000001"), text: "After the restart" });
      const event = await alice.waitForEvent(contact, said("After the restart"), 20_000);
      assert.equal(event.getSender(), "@messenger_7100000000000001:localhost");
      await command(contact, "!sb whois", /One person with 2 identities/);
    });
  });

  describe("a room joining a WhatsApp chat and a Messenger chat", () => {
    let group: string;
    const WA2 = "15557100002";
    const FB2 = "7100000000000002";

    it("relays each person's messages to the other with attribution, and nothing loops", async () => {
      group = (await alice.matrix.createRoom({ name: "Across networks", invite: [bot()] })).room_id;
      await alice.waitForMembership(group, bot(), "join", 20_000);
      await command(group, `!sb bridge whatsapp ${WA2}`, /^Bridged WhatsApp chat/);
      await command(group, `!sb bridge messenger ${FB2}`, /^Bridged Messenger chat/);
      await emulator.inbound({ ...wa(WA2), name: "Wanda Group", text: "Hello from WhatsApp" });
      await alice.waitForEvent(group, said("Hello from WhatsApp"), 20_000);
      // Max never wrote: Messenger would refuse, and the room is told so instead of silence
      await alice.waitForEvent(group, (e) => e.getSender() === bot() && /^Not relayed to Messenger/.test(String(e.getContent().body)), 20_000);

      emulator.clearSent();
      await emulator.inbound({ ...fb(FB2), text: "Hi Wanda, Max here" });
      await alice.waitForEvent(group, said("Hi Wanda, Max here"), 20_000);
      const [toWhatsApp] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 20_000);
      assert.deepEqual(toWhatsApp!.body, { messaging_product: "whatsapp", recipient_type: "individual", to: WA2, type: "text", text: { body: "Max Group (Messenger): Hi Wanda, Max here", preview_url: false } });

      await emulator.inbound({ ...wa(WA2), text: "Nice to meet you" });
      await alice.waitForEvent(group, said("Nice to meet you"), 20_000);
      const [toMessenger] = await emulator.waitForSent({ network: "messenger", kind: "message" }, 1, 20_000);
      assert.equal(textOf(toMessenger!.body), "Wanda Group (WhatsApp): Nice to meet you");

      // a reaction from WhatsApp on Max's relayed message reaches Max on Messenger
      const wamid = (toWhatsApp!.response as { messages: { id: string }[] }).messages[0]!.id;
      await emulator.inboundReaction({ ...wa(WA2), messageId: wamid, emoji: "👍" });
      const [reaction] = await emulator.waitForSent({ network: "messenger", kind: "reaction" }, 1, 20_000);
      assert.equal((reaction!.body as { sender_action: string }).sender_action, "react");

      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(emulator.sent({ network: "whatsapp", kind: "message" }).length, 1, "exactly one relay to WhatsApp: nothing looped");
      assert.equal(emulator.sent({ network: "messenger", kind: "message" }).length, 1, "exactly one relay to Messenger");
      const bodies = alice.matrix.getRoom(group)!.getLiveTimeline().getEvents().map((e) => e.getContent().body);
      assert.equal(bodies.filter((b) => b === "Hi Wanda, Max here").length, 1);
    });
  });

  describe("outside the 24-hour window", () => {
    it("sends an approved WhatsApp template, showing what the person will read", async () => {
      const room = await newPortal(() => emulator.inbound({ ...wa("15557100003"), name: "Late Larry", text: "Hi, days ago", timestamp: Date.now() - 30 * H }), "Hi, days ago");
      await alice.sendText(room, "Are you still there?");
      await alice.waitForEvent(room, (e) => e.getSender() === bot() && /^Not delivered to WhatsApp: the person last wrote too long ago/.test(String(e.getContent().body)), 20_000);
      await command(room, "!sb templates", /`hello_world en_US`/);
      await command(room, "!sb template hello_world en_US", /^Sent template hello_world \(en_US\); they will read:/);
      const [template] = emulator.sentTemplates({ recipientId: "15557100003" });
      assert.equal(template!.name, "hello_world");
      assert.equal(template!.language, "en_US");
    });
  });
});
