import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { graph } from "./support/graph-client";
import { IG, IGSID, PAGE, PSID, startTestEmulator, userWrites, WA, WA_USER, type TestEmulator } from "./support/emulator-fixture";

type WhatsAppPayload = { entry: { id: string; changes: { field: string; value: Record<string, unknown> & { messages?: Record<string, unknown>[]; statuses?: Record<string, unknown>[] } }[] }[] };
type MessagingPayload = { object: string; entry: { id: string; time: number; messaging: Record<string, unknown>[] }[] };

const waValue = (payload: unknown) => (payload as WhatsAppPayload).entry[0]!.changes[0]!.value;
const waMessage = (payload: unknown) => waValue(payload).messages![0]!;
const messaging = (payload: unknown) => (payload as MessagingPayload).entry[0]!.messaging[0]!;

describe("emulator: people doing more than writing text", () => {
  let t: TestEmulator;
  const png = Buffer.from("\x89PNG\r\n\x1a\n pixels", "latin1");

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  /** The account sends a text, so people have something to read, receive or react to. */
  async function accountSends(network: "whatsapp" | "messenger" | "instagram"): Promise<string> {
    await userWrites(t.emulator, network);
    const [path, token, json] =
      network === "whatsapp"
        ? [`${WA.id}/messages`, WA.token, { messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "hi" } }]
        : network === "messenger"
          ? [`${PAGE.id}/messages`, PAGE.token, { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "hi" } }]
          : [`${IG.id}/messages`, IG.token, { recipient: { id: IGSID }, message: { text: "hi" } }];
    const answer = await graph(t.emulator, "POST", path, { token, json });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return String((answer.body.messages as { id: string }[] | undefined)?.[0]?.id ?? answer.body.message_id);
  }

  describe("WhatsApp", () => {
    it("hosts a person's file as media of the number: the webhook has its id, MIME type, base64 sha256 and caption; GET /{id} and the URL serve it", async () => {
      const result = await t.emulator.inboundMedia({ network: "whatsapp", accountId: WA.id, from: WA_USER, files: [{ kind: "image", data: png, mimeType: "image/png" }], caption: "look", timestamp: 1749416383000 });
      assert.equal(result.status, 200);
      const [mediaId] = result.mediaRefs;
      assert.deepEqual(waMessage(result.payload), {
        from: WA_USER,
        id: result.messageId,
        timestamp: "1749416383",
        type: "image",
        image: { caption: "look", mime_type: "image/png", sha256: createHash("sha256").update(png).digest("base64"), id: mediaId },
      });
      const described = await graph(t.emulator, "GET", mediaId!, { token: WA.token });
      assert.equal(described.body.sha256, createHash("sha256").update(png).digest("hex"));
      const file = await fetch(String(described.body.url), { headers: { Authorization: `Bearer ${WA.token}` } });
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
    });

    it("writes voice notes, documents with their file name, and stickers the way the Cloud API does", async () => {
      const payloadOf = async (file: Parameters<typeof t.emulator.inboundMedia>[0]["files"][number]) =>
        waMessage((await t.emulator.inboundMedia({ network: "whatsapp", accountId: WA.id, from: WA_USER, files: [file] })).payload);
      const voice = await payloadOf({ kind: "audio", data: Buffer.from("OggS"), mimeType: "audio/ogg", voice: true });
      assert.deepEqual(Object.keys(voice.audio as object), ["mime_type", "sha256", "id", "voice"]);
      assert.equal((voice.audio as { voice: boolean }).voice, true);
      const document = await payloadOf({ kind: "file", data: Buffer.from("%PDF"), mimeType: "application/pdf", fileName: "a.pdf" });
      assert.equal(document.type, "document");
      assert.equal((document.document as { filename: string }).filename, "a.pdf");
      const sticker = await payloadOf({ kind: "sticker", data: Buffer.from("RIFF"), mimeType: "image/webp" });
      assert.equal((sticker.sticker as { animated: boolean }).animated, false);
      await assert.rejects(t.emulator.inboundMedia({ network: "whatsapp", accountId: WA.id, from: WA_USER, files: [{ kind: "audio", data: png, mimeType: "audio/ogg" }], caption: "x" }), /has no caption/);
    });

    it("writes locations, contacts, reactions (without emoji when taken back) and unsupported messages with their error", async () => {
      const location = await t.emulator.inboundLocation({ network: "whatsapp", accountId: WA.id, from: WA_USER, location: { latitude: 1.5, longitude: -2.25, name: "Here" } });
      assert.deepEqual(waMessage(location.payload).location, { latitude: 1.5, longitude: -2.25, name: "Here" });
      const contact = { name: { formatted_name: "Ana" }, phones: [{ phone: "+1 555", wa_id: "1555", type: "CELL" }] };
      const contacts = await t.emulator.inboundContacts({ network: "whatsapp", accountId: WA.id, from: WA_USER, contacts: [contact] });
      assert.deepEqual(waMessage(contacts.payload).contacts, [contact]);
      const react = await t.emulator.inboundReaction({ network: "whatsapp", accountId: WA.id, from: WA_USER, messageId: location.messageId, emoji: "👍" });
      const unreact = await t.emulator.inboundReaction({ network: "whatsapp", accountId: WA.id, from: WA_USER, messageId: location.messageId });
      assert.deepEqual([waMessage(react.payload).reaction, waMessage(unreact.payload).reaction], [{ message_id: location.messageId, emoji: "👍" }, { message_id: location.messageId }]);
      assert.notEqual(waMessage(react.payload).id, waMessage(unreact.payload).id, "each reaction is a message of its own");
      const unsupported = await t.emulator.inboundUnsupported({ network: "whatsapp", accountId: WA.id, from: WA_USER });
      const message = waMessage(unsupported.payload);
      assert.deepEqual([message.type, message.unsupported, (message.errors as { code: number }[])[0]!.code], ["unsupported", { type: "poll_update" }, 131051]);
      await assert.rejects(t.emulator.inboundReaction({ network: "whatsapp", accountId: WA.id, from: WA_USER, messageId: "wamid.nowhere", emoji: "👍" }), /is not a message of the chat/);
    });

    it("sends statuses of the number's messages: delivered, read, and failed with errors[]", async () => {
      const sent = await accountSends("whatsapp");
      const delivered = await t.emulator.delivered({ network: "whatsapp", accountId: WA.id, from: WA_USER, messageIds: [sent], timestamp: 1750030073000 });
      assert.deepEqual(waValue(delivered.payload).statuses, [{ id: sent, status: "delivered", timestamp: "1750030073", recipient_id: WA_USER }]);
      const read = await t.emulator.read({ network: "whatsapp", accountId: WA.id, from: WA_USER, messageId: sent });
      assert.equal(waValue(read.payload).statuses![0]!.status, "read");
      const failed = await t.emulator.status({ accountId: WA.id, messageId: sent, status: "failed", error: { code: 131047, title: "Re-engagement message", details: "More than 24 hours" } });
      const [status] = waValue(failed.payload).statuses!;
      assert.deepEqual(status!.errors, [
        { code: 131047, title: "Re-engagement message", message: "Re-engagement message", error_data: { details: "More than 24 hours" }, href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" },
      ]);
      assert.deepEqual(t.emulator.webhooks({ network: "whatsapp", kind: "status" }).length, 3);
      await assert.rejects(t.emulator.read({ network: "whatsapp", accountId: WA.id, from: WA_USER, messageId: "wamid.nothing" }), /is not a message of the chat/);
    });
  });

  describe("Messenger and Instagram", () => {
    it("hosts attachments at CDN-like URLs a plain GET serves (no token), Messenger stickers with the sticker type", async () => {
      const result = await t.emulator.inboundMedia({
        network: "messenger",
        accountId: PAGE.id,
        from: PSID,
        caption: "two",
        files: [
          { kind: "image", data: png, mimeType: "image/png", fileName: "a.png" },
          { kind: "sticker", data: png, mimeType: "image/png" },
        ],
      });
      const event = messaging(result.payload);
      assert.deepEqual(event, {
        sender: { id: PSID },
        recipient: { id: PAGE.id },
        timestamp: event.timestamp,
        message: {
          mid: result.messageId,
          text: "two",
          attachments: [
            { type: "image", payload: { url: result.mediaRefs[0] } },
            { type: "sticker", payload: { url: result.mediaRefs[1], sticker_id: 369239263222822 } },
          ],
        },
      });
      assert.match(result.mediaRefs[0]!, /\/attachments\/[A-Za-z0-9_-]+\/a\.png\?oe=/);
      const file = await fetch(result.mediaRefs[0]!);
      assert.deepEqual([file.status, file.headers.get("content-type"), Buffer.from(await file.arrayBuffer())], [200, "image/png", png]);
    });

    it("writes reactions (react with emoji and name; unreact with the mid only), Messenger edits and Instagram deletions", async () => {
      const own = await userWrites(t.emulator, "messenger", "see you at 5");
      const react = await t.emulator.inboundReaction({ network: "messenger", accountId: PAGE.id, from: PSID, messageId: own, emoji: "\u2764\ufe0f", timestamp: 5 });
      const other = await t.emulator.inboundReaction({ network: "messenger", accountId: PAGE.id, from: PSID, messageId: own, emoji: "\ud83c\udf89", timestamp: 6 });
      const unreact = await t.emulator.inboundReaction({ network: "messenger", accountId: PAGE.id, from: PSID, messageId: own, timestamp: 7 });
      assert.deepEqual([messaging(react.payload).reaction, messaging(other.payload).reaction, messaging(unreact.payload).reaction], [
        { reaction: "love", emoji: "\u2764\ufe0f", action: "react", mid: own },
        { reaction: "other", emoji: "\ud83c\udf89", action: "react", mid: own },
        { mid: own, action: "unreact" },
      ]);
      const edit = await t.emulator.inboundEdit({ network: "messenger", accountId: PAGE.id, from: PSID, messageId: own, text: "see you at 6" });
      assert.deepEqual(messaging(edit.payload).message_edit, { mid: own, text: "see you at 6", num_edit: 1 });
      for (let i = 2; i <= 5; i++) await t.emulator.inboundEdit({ network: "messenger", accountId: PAGE.id, from: PSID, messageId: own, text: `v${i}` });
      await assert.rejects(t.emulator.inboundEdit({ network: "messenger", accountId: PAGE.id, from: PSID, messageId: own, text: "v6" }), /at most 5 edits/);
      const igOwn = await userWrites(t.emulator, "instagram", "oops");
      const deletion = await t.emulator.inboundDeletion({ network: "instagram", accountId: IG.id, from: IGSID, messageId: igOwn });
      assert.deepEqual(messaging(deletion.payload).message, { mid: igOwn, is_deleted: true });
      assert.deepEqual(t.emulator.webhooks({ kind: "edit" }).length, 5);
      assert.deepEqual(t.emulator.webhooks({ kind: "deletion" }).map((w) => w.network), ["instagram"]);
    });

    it("writes Messenger reads (watermark) and deliveries (mids, watermark, no timestamp), and Instagram seen (mid)", async () => {
      const fbSent = await accountSends("messenger");
      const read = await t.emulator.read({ network: "messenger", accountId: PAGE.id, from: PSID, watermark: 1458668856253, timestamp: 1458668856463 });
      assert.deepEqual(messaging(read.payload), { sender: { id: PSID }, recipient: { id: PAGE.id }, timestamp: 1458668856463, read: { watermark: 1458668856253 } });
      const delivery = await t.emulator.delivered({ network: "messenger", accountId: PAGE.id, from: PSID, messageIds: [fbSent], watermark: 1458668856253 });
      assert.deepEqual(messaging(delivery.payload), { sender: { id: PSID }, recipient: { id: PAGE.id }, delivery: { mids: [fbSent], watermark: 1458668856253 } });
      const igSent = await accountSends("instagram");
      const seen = await t.emulator.read({ network: "instagram", accountId: IG.id, from: IGSID, messageId: igSent });
      assert.deepEqual(messaging(seen.payload).read, { mid: igSent });
      assert.equal((seen.payload as MessagingPayload).object, "instagram");
      const unsupported = await t.emulator.inboundUnsupported({ network: "instagram", accountId: IG.id, from: IGSID });
      assert.deepEqual(messaging(unsupported.payload).message, { mid: unsupported.messageId, is_unsupported: true });
    });
  });

  it("answers the same through the control API (files in base64), and lists sent media there", async () => {
    const post = (path: string, body: unknown) => fetch(`${t.emulator.url}/_emulator${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const media = await post("/person/media", { network: "messenger", accountId: PAGE.id, from: PSID, files: [{ kind: "image", mimeType: "image/png", dataBase64: png.toString("base64") }] });
    assert.equal(media.status, 200);
    const result = (await media.json()) as { status: number; messageId: string; mediaRefs: string[] };
    assert.equal(result.status, 200);
    assert.deepEqual(Buffer.from(await (await fetch(result.mediaRefs[0]!)).arrayBuffer()), png);
    const reaction = await post("/person/reaction", { network: "messenger", accountId: PAGE.id, from: PSID, messageId: result.messageId, emoji: "👍" });
    assert.equal(reaction.status, 200);
    assert.equal((await post("/person/edit", { network: "whatsapp", accountId: WA.id, from: WA_USER, messageId: "x", text: "y" })).status, 400);
    assert.equal((await post("/person/media", { network: "messenger", accountId: PAGE.id, from: PSID, files: [{ kind: "image", mimeType: "image/png", dataBase64: "***" }] })).status, 400);
    assert.equal((await post("/person/reaction", { network: "messenger", accountId: PAGE.id, from: PSID, messageId: result.messageId, colour: "red" })).status, 400);
    const listed = (await (await fetch(`${t.emulator.url}/_emulator/sent-media`)).json()) as unknown[];
    assert.deepEqual(listed, []);
  });
});
