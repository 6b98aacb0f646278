import { strict as assert } from "node:assert";
import type { MatrixEvent } from "matrix-js-sdk";
import { startGraphEmulator, type GraphEmulator } from "../../../src/emulator";
import { registerTeardown } from "../../support/fixtures";
import { E2E_SETUP_TIMEOUT_MS, freeLocalPort, getE2EEnvironment, uniqueLocalpart, type E2EEnvironment, type TestClient } from "../harness";
import { downloadMedia, randomPng } from "../harness/media";

const WA = { network: "whatsapp" as const, accountId: "106540352241111", from: "15556660001" };
const IG = { network: "instagram" as const, accountId: "17841400000002222", from: "1234567890120001" };
const SECRET = "rich-app-secret";

describe("rich messaging: media, replies, reactions, deletions and receipts (real Synapse, Graph API emulator)", function () {
  this.timeout(60_000);
  let env: E2EEnvironment;
  let emulator: GraphEmulator;
  let alice: TestClient;
  let waPortal: string;
  let igPortal: string;

  const ghostMessage = (network: string, predicate: (e: MatrixEvent) => boolean) => (e: MatrixEvent) =>
    e.getSender()?.startsWith(`@${network}_`) === true && predicate(e);

  async function openPortal(target: typeof WA | typeof IG, text: string): Promise<string> {
    const before = new Set(alice.matrix.getRooms().map((r) => r.roomId));
    assert.equal((await emulator.inbound({ ...target, text })).status, 200);
    const roomId = await alice.waitForInvite((id) => !before.has(id), 20_000);
    await alice.joinRoom(roomId);
    await alice.waitForEvent(roomId, ghostMessage(target.network, (e) => e.getContent().body === text), 20_000);
    return roomId;
  }

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    const webhookPort = await freeLocalPort();
    const aliceLocalpart = uniqueLocalpart("alice-rich");
    const webhookUrl = (network: string) => `http://127.0.0.1:${webhookPort}/webhooks/${network}`;
    emulator = await startGraphEmulator({
      accounts: [
        { network: "whatsapp", id: WA.accountId, accessToken: "wa-token", appSecret: SECRET, verifyToken: "v", webhookUrl: webhookUrl("whatsapp") },
        { network: "instagram", id: IG.accountId, accessToken: "ig-token", appSecret: SECRET, verifyToken: "v", appId: "555", webhookUrl: webhookUrl("instagram") },
      ],
      users: [{ network: "instagram", id: IG.from, name: "Ivy Insta", username: "ivy" }],
    });
    registerTeardown(() => emulator.stop());
    const network = (accountId: string, token: string) => ({
      enabled: true,
      graph_api: { base_url: emulator.url, max_retries: 1 },
      app_secret: SECRET,
      verify_token: "v",
      app_id: "555",
      accounts: [{ id: accountId, access_token: token }],
      invite: [`@${aliceLocalpart}:localhost`],
    });
    env = await getE2EEnvironment({
      webhooks: { port: webhookPort, public_url: `http://127.0.0.1:${webhookPort}` },
      networks: { whatsapp: network(WA.accountId, "wa-token"), instagram: network(IG.accountId, "ig-token"), messenger: { enabled: false } },
    });
    alice = await env.createClient(await env.registerUser(aliceLocalpart));
    waPortal = await openPortal(WA, "Hi from WhatsApp");
    igPortal = await openPortal(IG, "Hi from Instagram");
  });

  it("brings a photo in from WhatsApp with its caption; the bytes arrive unchanged", async () => {
    const png = randomPng();
    await emulator.inboundMedia({ ...WA, files: [{ kind: "image", data: png, mimeType: "image/png" }], caption: "a photo" });
    const event = await alice.waitForEvent(waPortal, ghostMessage("whatsapp", (e) => e.getContent().msgtype === "m.image"), 20_000);
    assert.equal(event.getContent().body, "a photo");
    assert.equal(event.getContent().info.mimetype, "image/png");
    assert.deepEqual(await downloadMedia(env, alice, event.getContent().url), png);
  });

  it("sends a photo from Matrix to WhatsApp; the bytes arrive unchanged", async () => {
    const png = randomPng();
    const { content_uri: url } = await alice.matrix.uploadContent(png, { type: "image/png", name: "mine.png" });
    await alice.matrix.sendMessage(waPortal, { msgtype: "m.image", body: "mine.png", url, info: { mimetype: "image/png", size: png.length } } as never);
    await waitFor(() => emulator.sentMedia({ network: "whatsapp" }).length > 0);
    const [sent] = emulator.sentMedia({ network: "whatsapp" });
    assert.equal(sent!.type, "image");
    assert.deepEqual(sent!.data, png);
  });

  it("carries replies both ways", async () => {
    emulator.clearSent();
    const mine = await alice.sendText(waPortal, "Question from Matrix");
    const [request] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 20_000);
    const wamid = (request!.response as { messages: { id: string }[] }).messages[0]!.id;
    await emulator.inbound({ ...WA, text: "Answer from WhatsApp", replyTo: wamid });
    const answer = await alice.waitForEvent(waPortal, ghostMessage("whatsapp", (e) => e.getContent().body === "Answer from WhatsApp"), 20_000);
    assert.equal(answer.getContent()["m.relates_to"]?.["m.in_reply_to"]?.event_id, mine);

    emulator.clearSent();
    await alice.matrix.sendMessage(waPortal, { msgtype: "m.text", body: "Reply to the answer", "m.relates_to": { "m.in_reply_to": { event_id: answer.getId()! } } } as never);
    const [reply] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 20_000);
    const inbound = emulator.webhooks({ network: "whatsapp" }).map((w) => JSON.stringify(w.payload)).find((p) => p.includes("Answer from WhatsApp"))!;
    const answerWamid = /"id":"(wamid\.[^"]+)"/.exec(inbound)![1];
    assert.deepEqual((reply!.body as { context?: unknown }).context, { message_id: answerWamid });
  });

  it("carries reactions both ways", async () => {
    emulator.clearSent();
    const mine = await alice.sendText(waPortal, "React to this");
    const [request] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 20_000);
    const wamid = (request!.response as { messages: { id: string }[] }).messages[0]!.id;
    await emulator.inboundReaction({ ...WA, messageId: wamid, emoji: "🎉" });
    const reaction = await alice.waitForEvent(waPortal, ghostMessage("whatsapp", (e) => e.getType() === "m.reaction"), 20_000);
    assert.deepEqual(reaction.getContent()["m.relates_to"], { rel_type: "m.annotation", event_id: mine, key: "🎉" });

    const ghostText = alice.matrix.getRoom(waPortal)!.getLiveTimeline().getEvents().find(ghostMessage("whatsapp", (e) => e.getContent().body === "Hi from WhatsApp"))!;
    emulator.clearSent();
    await alice.matrix.sendEvent(waPortal, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: ghostText.getId()!, key: "👍" } } as never);
    const [sent] = await emulator.waitForSent({ network: "whatsapp", kind: "reaction" }, 1, 20_000);
    assert.equal((sent!.body as { reaction: { emoji: string } }).reaction.emoji, "👍");
  });

  it("carries deletions both ways: an Instagram unsend redacts, a Matrix redaction is answered with a notice", async () => {
    const sent = await emulator.inbound({ ...IG, text: "I will unsend this" });
    const event = await alice.waitForEvent(igPortal, ghostMessage("instagram", (e) => e.getContent().body === "I will unsend this"), 20_000);
    await emulator.inboundDeletion({ ...IG, messageId: sent.messageId });
    await waitFor(() => event.isRedacted());

    emulator.clearSent();
    const mine = await alice.sendText(igPortal, "Oops, wrong chat");
    await emulator.waitForSent({ network: "instagram", kind: "message" }, 1, 20_000);
    await alice.matrix.redactEvent(igPortal, mine);
    const notice = await alice.waitForEvent(igPortal, (e) => e.getSender() === env.botUserId && e.getContent()["m.relates_to"]?.["m.in_reply_to"]?.event_id === mine && /Not deleted on Instagram/.test(e.getContent().body), 20_000);
    assert.equal(notice.getContent().msgtype, "m.notice");
  });

  it("carries read receipts both ways", async () => {
    emulator.clearSent();
    const mine = await alice.sendText(waPortal, "Did you read this?");
    const [request] = await emulator.waitForSent({ network: "whatsapp", kind: "message" }, 1, 20_000);
    const wamid = (request!.response as { messages: { id: string }[] }).messages[0]!.id;
    await emulator.status({ accountId: WA.accountId, messageId: wamid, status: "read" });
    const ghost = `@whatsapp_${WA.from}:localhost`;
    await waitFor(() => alice.matrix.getRoom(waPortal)!.getEventReadUpTo(ghost) === mine);

    await emulator.inbound({ ...WA, text: "Please read me" });
    const theirs = await alice.waitForEvent(waPortal, ghostMessage("whatsapp", (e) => e.getContent().body === "Please read me"), 20_000);
    emulator.clearSent();
    await alice.matrix.sendReadReceipt(theirs);
    const [read] = await emulator.waitForSent({ network: "whatsapp", kind: "read" }, 1, 20_000);
    assert.equal((read!.body as { status: string }).status, "read");
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
