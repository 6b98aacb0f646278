import { strict as assert } from "node:assert";
import { createHmac } from "node:crypto";
import { graph } from "./support/graph-client";
import { IG, IGSID, PAGE, PSID, startTestEmulator, WA, WA_USER, type TestEmulator } from "./support/emulator-fixture";
import type { ReceivedWebhook } from "./support/webhook-receiver";

function hmacHeader(secret: string, raw: Buffer): string {
  return "sha256=" + createHmac("sha256", secret).update(raw).digest("hex");
}

function only<T>(items: T[]): T {
  assert.equal(items.length, 1, `expected exactly one item, got ${items.length}`);
  return items[0]!;
}

describe("emulator: webhooks to the bridge", () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  describe("inbound messages", () => {
    it("builds WhatsApp's exact envelope, POSTs it as JSON, and signs the raw bytes with the app secret", async () => {
      const result = await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "Does it come in another color?", timestamp: 1749416383000 });
      assert.deepEqual([result.status, result.body], [200, "EVENT_RECEIVED"]);
      const received = only(t.receiver.posts("/webhooks/whatsapp"));
      assert.equal(received.headers["content-type"], "application/json");
      assert.equal(received.headers["x-hub-signature-256"], hmacHeader(WA.secret, received.raw));
      assert.equal(received.headers["x-hub-signature"], "sha1=" + createHmac("sha1", WA.secret).update(received.raw).digest("hex"));
      assert.deepEqual(JSON.parse(received.raw.toString("utf8")), {
        object: "whatsapp_business_account",
        entry: [
          {
            id: WA.wabaId,
            changes: [
              {
                value: {
                  messaging_product: "whatsapp",
                  metadata: { display_phone_number: WA.phone, phone_number_id: WA.id },
                  contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: WA_USER }],
                  messages: [{ from: WA_USER, id: result.messageId, timestamp: "1749416383", type: "text", text: { body: "Does it come in another color?" } }],
                },
                field: "messages",
              },
            ],
          },
        ],
      });
      assert.match(result.messageId, /^wamid\./);
      assert.deepEqual(JSON.parse(received.raw.toString("utf8")), result.payload);
    });

    it("builds Messenger's page envelope with millisecond numbers and reply_to", async () => {
      const result = await t.emulator.inbound({ network: "messenger", accountId: PAGE.id, from: PSID, text: "hi", replyTo: "m_earlier", timestamp: 1458692752478 });
      const payload = JSON.parse(only(t.receiver.posts("/webhooks/messenger")).raw.toString("utf8")) as { object: string; entry: Record<string, unknown>[] };
      assert.equal(payload.object, "page");
      const entry = only(payload.entry);
      assert.equal(entry.id, PAGE.id);
      assert.equal(typeof entry.time, "number");
      assert.deepEqual(entry.messaging, [
        { sender: { id: PSID }, recipient: { id: PAGE.id }, timestamp: 1458692752478, message: { mid: result.messageId, text: "hi", reply_to: { mid: "m_earlier" } } },
      ]);
    });

    it("builds Instagram's envelope with the professional account's id", async () => {
      const result = await t.emulator.inbound({ network: "instagram", accountId: IG.id, from: IGSID, text: "hi" });
      const received = only(t.receiver.posts("/webhooks/instagram"));
      assert.equal(received.headers["x-hub-signature-256"], hmacHeader(IG.secret, received.raw));
      const payload = JSON.parse(received.raw.toString("utf8")) as { object: string; entry: { id: string; messaging: unknown[] }[] };
      assert.equal(payload.object, "instagram");
      assert.equal(payload.entry[0]!.id, IG.id);
      const event = only(payload.entry[0]!.messaging) as { sender: unknown; recipient: unknown; message: unknown };
      assert.deepEqual([event.sender, event.recipient, event.message], [{ id: IGSID }, { id: IG.id }, { mid: result.messageId, text: "hi" }]);
    });

    it("escapes non-ASCII as lowercase \\uXXXX and / as \\/, and signs exactly those bytes", async () => {
      const text = "Grüße 👋 a/b — “quoted”";
      await t.emulator.inbound({ network: "messenger", accountId: PAGE.id, from: PSID, text, name: "Zoë" });
      const received = only(t.receiver.posts("/webhooks/messenger"));
      const raw = received.raw.toString("latin1");
      assert.ok([...received.raw].every((byte) => byte < 0x80), "the body is pure ASCII");
      assert.ok(raw.includes("Gr\\u00fc\\u00dfe \\ud83d\\udc4b a\\/b \\u2014 \\u201cquoted\\u201d"), raw);
      assert.equal(received.headers["x-hub-signature-256"], hmacHeader(PAGE.secret, received.raw));
      const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw)));
      assert.notEqual(received.headers["x-hub-signature-256"], hmacHeader(PAGE.secret, reserialised), "re-serialising would break the signature");
      const parsed = JSON.parse(raw) as { entry: { messaging: { message: { text: string } }[] }[] };
      assert.equal(parsed.entry[0]!.messaging[0]!.message.text, text);
    });

    it("quotes the replied-to message in WhatsApp's context, from the business for its own messages", async () => {
      const first = await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "one" });
      const sent = await graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json: { messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "two" } } });
      const ownId = (sent.body.messages as { id: string }[])[0]!.id;
      const toOwn = await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "re: one", replyTo: first.messageId });
      const toBusiness = await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "re: two", replyTo: ownId });
      const contextOf = (result: { payload: unknown }) =>
        (result.payload as { entry: { changes: { value: { messages: { context: unknown }[] } }[] }[] }).entry[0]!.changes[0]!.value.messages[0]!.context;
      assert.deepEqual(contextOf(toOwn), { from: WA_USER, id: first.messageId });
      assert.deepEqual(contextOf(toBusiness), { from: WA.phone, id: ownId });
    });

    it("makes an unknown sender known, under the name given", async () => {
      await t.emulator.inbound({ network: "messenger", accountId: PAGE.id, from: "7100000000000099", text: "new here", name: "Nova Newcomer" });
      const profile = await graph(t.emulator, "GET", "7100000000000099", { token: PAGE.token, query: { fields: "first_name,last_name" } });
      assert.deepEqual(profile.body, { first_name: "Nova", last_name: "Newcomer" });
    });

    it("reports the bridge's answer, also a refusal", async () => {
      t.receiver.status = 500;
      const result = await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "hi" });
      assert.equal(result.status, 500);
      assert.equal(only(t.emulator.webhooks({ kind: "message" })).status, 500);
    });

    it("rejects when the bridge cannot be reached", async () => {
      const unreachable = await startTestEmulator({ accounts: [{ network: "whatsapp", id: "1", accessToken: "x", appSecret: "y", webhookUrl: "http://127.0.0.1:9/webhooks/whatsapp" }] });
      await assert.rejects(unreachable.emulator.inbound({ network: "whatsapp", accountId: "1", from: WA_USER, text: "hi" }), /webhook POST to .* failed/);
    });
  });

  describe("deliver() for negative tests", () => {
    it("sends any payload with a valid, a wrong or no signature", async () => {
      const payload = { object: "page", entry: [] };
      await t.emulator.deliver("messenger", payload);
      await t.emulator.deliver("messenger", payload, { signature: "wrong" });
      await t.emulator.deliver("messenger", payload, { signature: "missing" });
      await t.emulator.deliver("messenger", payload, { rawBody: '{"object": "page", "entry": []}' });
      const [valid, wrong, missing, raw] = t.receiver.posts("/webhooks/messenger") as [ReceivedWebhook, ReceivedWebhook, ReceivedWebhook, ReceivedWebhook];
      assert.equal(valid.headers["x-hub-signature-256"], hmacHeader(PAGE.secret, valid.raw));
      assert.match(String(wrong.headers["x-hub-signature-256"]), /^sha256=[0-9a-f]{64}$/);
      assert.notEqual(wrong.headers["x-hub-signature-256"], hmacHeader(PAGE.secret, wrong.raw));
      assert.equal(missing.headers["x-hub-signature-256"], undefined);
      assert.equal(missing.headers["x-hub-signature"], undefined);
      assert.equal(raw.raw.toString(), '{"object": "page", "entry": []}');
      assert.equal(raw.headers["x-hub-signature-256"], hmacHeader(PAGE.secret, raw.raw));
    });
  });

  describe("verification handshake", () => {
    it("GETs hub.mode, hub.verify_token and a random hub.challenge and reports the echo", async () => {
      const result = await t.emulator.verifyWebhook("instagram");
      assert.equal(result.status, 200);
      assert.equal(result.body, result.challenge);
      assert.ok(result.echoed);
      const get = only(t.receiver.received.filter((r) => r.method === "GET"));
      assert.equal(get.path, "/webhooks/instagram");
      assert.equal(get.query.get("hub.mode"), "subscribe");
      assert.equal(get.query.get("hub.challenge"), result.challenge);
    });

    it("reports no echo for a wrong verify token", async () => {
      const result = await t.emulator.verifyWebhook("whatsapp", { verifyToken: "wrong" });
      assert.equal(result.status, 403);
      assert.equal(result.echoed, false);
    });
  });

  describe("WhatsApp status webhooks", () => {
    it("follow a send with sent → delivered → read when statusWebhooks is on", async () => {
      const withStatuses = await startTestEmulator({ statusWebhooks: true });
      await withStatuses.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "hi" });
      const sent = await graph(withStatuses.emulator, "POST", `${WA.id}/messages`, {
        token: WA.token,
        json: { messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "hello" } },
      });
      const wamid = (sent.body.messages as { id: string }[])[0]!.id;
      const statuses = await withStatuses.emulator.waitForWebhooks({ kind: "status" }, 3);
      const entries = statuses.map((webhook) => {
        const received = withStatuses.receiver.received.find((r) => r.raw.toString() === webhook.rawBody)!;
        assert.equal(received.headers["x-hub-signature-256"], hmacHeader(WA.secret, received.raw));
        const value = (webhook.payload as { entry: { changes: { value: { statuses: Record<string, unknown>[]; metadata: unknown } }[] }[] }).entry[0]!.changes[0]!.value;
        assert.deepEqual(value.metadata, { display_phone_number: WA.phone, phone_number_id: WA.id });
        return only(value.statuses);
      });
      assert.deepEqual(entries.map((s) => s.status), ["sent", "delivered", "read"]);
      for (const status of entries) {
        assert.equal(status.id, wamid);
        assert.equal(status.recipient_id, WA_USER);
        assert.match(String(status.timestamp), /^\d{10}$/);
      }
      assert.equal((entries[0]!.pricing as { pricing_model: string }).pricing_model, "PMP");
    });

    it("are off by default", async () => {
      await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "hi" });
      await graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json: { messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "x" } } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(t.emulator.webhooks({ kind: "status" }).length, 0);
    });
  });
});
