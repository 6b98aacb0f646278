import { strict as assert } from "node:assert";
import { canCarryMedia } from "../../../src/core/networks/capabilities";
import type { ChatKey, MediaSupport, NetworkConnector, RemoteEvent } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { NetworkError } from "../../../src/core/networks/network-error";
import { CASES, startHarness, type Harness, type NetworkCase } from "./harness";

const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.from("not really pixels \r\n\0 but bytes")]);
const PDF = Buffer.from("%PDF-1.4\n% a small document\n");
const wa = CASES.find((c) => c.network === "whatsapp")!;
const fb = CASES.find((c) => c.network === "messenger")!;
const ig = CASES.find((c) => c.network === "instagram")!;

function media(connector: NetworkConnector | undefined): NetworkConnector & MediaSupport {
  assert.ok(connector && canCarryMedia(connector));
  return connector;
}

const chatOf = (c: NetworkCase): ChatKey => ({ network: c.network, chatId: c.person, receiver: c.account });
const senderOf = (c: NetworkCase) => (c.network === "whatsapp" ? { id: c.person, name: c.personName } : { id: c.person });
/** a timestamp the emulator writes without loss (WhatsApp sends whole seconds) */
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

describe("rich messages from people, through the Graph emulator", () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  beforeEach(() => {
    h.sink.batches = [];
    h.emulator.clearSent();
  });

  /** The bridge sends a text, so that people have something of the account's to read or react to. */
  async function bridgeSends(c: NetworkCase): Promise<string> {
    await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
    const { messageIds } = await h.connectors.get(c.network)!.sendMessage(chatOf(c), { kind: "text", content: fromPlainText("hello from Matrix") });
    h.sink.batches = [];
    return messageIds[0]!;
  }

  function onlyEvent(): RemoteEvent {
    const events = h.sink.events();
    assert.equal(events.length, 1, JSON.stringify(events));
    return events[0]!;
  }

  describe("media", () => {
    it("WhatsApp: an image with a caption is its media id, MIME type and caption; downloadMedia fetches the bytes with the token", async () => {
      const timestamp = wholeSeconds(h.emulator.now());
      const result = await h.emulator.inboundMedia({ network: "whatsapp", accountId: wa.account, from: wa.person, files: [{ kind: "image", data: PNG, mimeType: "image/png" }], caption: "*new* colour", timestamp });
      assert.equal(result.status, 200);
      const [mediaId] = result.mediaRefs;
      assert.deepEqual(onlyEvent(), {
        kind: "message",
        chat: chatOf(wa),
        sender: senderOf(wa),
        messageId: result.messageId,
        timestamp,
        content: [{ t: "bold", children: [{ t: "text", text: "new" }] }, { t: "text", text: " colour" }],
        media: { kind: "image", ref: mediaId, mimeType: "image/png" },
      });
      const downloaded = await media(h.connectors.get("whatsapp")).downloadMedia(wa.account, { kind: "image", ref: mediaId!, mimeType: "image/png" });
      assert.deepEqual(downloaded, { data: PNG, mimeType: "image/png" });
      const requests = h.emulator.sent({ network: "whatsapp", kind: "media" });
      assert.deepEqual(requests.map((r) => [r.method, r.path.replace(/\?.*/, ""), r.status]), [
        ["GET", `/v26.0/${mediaId}`, 200],
        ["GET", "/whatsapp_business/attachments/", 200],
      ]);
      assert.deepEqual(requests[0]!.query, { phone_number_id: wa.account });
    });

    it("WhatsApp: a voice note, a document with its file name, a video and a sticker", async () => {
      const files = [
        { kind: "audio" as const, data: Buffer.from("OggS voice"), mimeType: "audio/ogg", voice: true },
        { kind: "file" as const, data: PDF, mimeType: "application/pdf", fileName: "Quote 42.pdf" },
        { kind: "video" as const, data: Buffer.from("....ftypmp42"), mimeType: "video/mp4" },
        { kind: "sticker" as const, data: Buffer.from("RIFF....WEBPVP8 "), mimeType: "image/webp" },
      ];
      const refs: string[] = [];
      for (const file of files) refs.push(...(await h.emulator.inboundMedia({ network: "whatsapp", accountId: wa.account, from: wa.person, files: [file] })).mediaRefs);
      assert.deepEqual(
        h.sink.events().map((e) => (e.kind === "message" ? [e.media, e.content] : e.kind)),
        [
          [{ kind: "audio", ref: refs[0], mimeType: "audio/ogg", voice: true }, []],
          [{ kind: "file", ref: refs[1], mimeType: "application/pdf", fileName: "Quote 42.pdf" }, []],
          [{ kind: "video", ref: refs[2], mimeType: "video/mp4" }, []],
          [{ kind: "sticker", ref: refs[3], mimeType: "image/webp" }, []],
        ],
      );
      const document = await media(h.connectors.get("whatsapp")).downloadMedia(wa.account, { kind: "file", ref: refs[1]!, mimeType: "application/pdf", fileName: "Quote 42.pdf" });
      assert.deepEqual(document, { data: PDF, mimeType: "application/pdf", fileName: "Quote 42.pdf" });
    });

    it("WhatsApp: an expired media URL (404) is asked for again once, then downloaded", async () => {
      const { mediaRefs } = await h.emulator.inboundMedia({ network: "whatsapp", accountId: wa.account, from: wa.person, files: [{ kind: "image", data: PNG, mimeType: "image/png" }] });
      h.emulator.injectFailure({ network: "whatsapp", pathIncludes: "/whatsapp_business/attachments/", code: 0, status: 404, message: "URL expired" });
      const downloaded = await media(h.connectors.get("whatsapp")).downloadMedia(wa.account, { kind: "image", ref: mediaRefs[0]! });
      assert.deepEqual(downloaded.data, PNG);
      assert.deepEqual(
        h.emulator.sent({ network: "whatsapp", kind: "media" }).map((r) => [r.method, r.path.startsWith("/v26.0/") ? "describe" : "download", r.status]),
        [
          ["GET", "describe", 200],
          ["GET", "download", 404],
          ["GET", "describe", 200],
          ["GET", "download", 200],
        ],
      );
    });

    it("WhatsApp: media Meta no longer has is a NetworkError, not a crash", async () => {
      await assert.rejects(media(h.connectors.get("whatsapp")).downloadMedia(wa.account, { kind: "image", ref: "1234567890123456" }), (e: unknown) => {
        assert.ok(e instanceof NetworkError, String(e));
        assert.equal(e.reason, "unsupported");
        assert.equal(e.userMessage, "WhatsApp no longer has this file (files people send stay available for 7 days); the file could not be fetched.");
        return true;
      });
    });

    for (const c of [fb, ig]) {
      it(`${c.label}: an attachment is its CDN URL (with the file name in it); downloadMedia is a plain GET of it`, async () => {
        const timestamp = h.emulator.now();
        const result = await h.emulator.inboundMedia({ network: c.network, accountId: c.account, from: c.person, files: [{ kind: "file", data: PDF, mimeType: "application/pdf", fileName: "quote.pdf" }], timestamp });
        const [url] = result.mediaRefs;
        assert.deepEqual(onlyEvent(), { kind: "message", chat: chatOf(c), sender: senderOf(c), messageId: result.messageId, timestamp, content: [], media: { kind: "file", ref: url, fileName: "quote.pdf" } });
        const downloaded = await media(h.connectors.get(c.network)).downloadMedia(c.account, { kind: "file", ref: url!, fileName: "quote.pdf" });
        assert.deepEqual(downloaded, { data: PDF, mimeType: "application/pdf", fileName: "quote.pdf" });
      });

      it(`${c.label}: several attachments with text are one message per attachment, the text and the reply on the first`, async () => {
        const first = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "which one?" });
        h.sink.batches = [];
        const result = await h.emulator.inboundMedia({
          network: c.network,
          accountId: c.account,
          from: c.person,
          caption: "these two",
          replyTo: first.messageId,
          files: [
            { kind: "image", data: PNG, mimeType: "image/png" },
            { kind: "image", data: Buffer.from("GIF89a tiny"), mimeType: "image/gif" },
          ],
        });
        const events = h.sink.events();
        assert.deepEqual(
          events.map((e) => (e.kind === "message" ? { id: e.messageId, content: e.content, ref: e.media?.ref, replyTo: e.replyToMessageId } : e)),
          [
            { id: result.messageId, content: fromPlainText("these two"), ref: result.mediaRefs[0], replyTo: first.messageId },
            { id: `${result.messageId}#2`, content: [], ref: result.mediaRefs[1], replyTo: undefined },
          ],
        );
      });

      it(`${c.label}: a sticker is a sticker${c.network === "messenger" ? " (type sticker)" : " (sent as an image, so an image)"}`, async () => {
        const result = await h.emulator.inboundMedia({ network: c.network, accountId: c.account, from: c.person, files: [{ kind: "sticker", data: PNG, mimeType: "image/png" }] });
        const event = onlyEvent();
        assert.equal(event.kind, "message");
        assert.deepEqual(event.kind === "message" && event.media, { kind: c.network === "messenger" ? "sticker" : "image", ref: result.mediaRefs[0], ...(c.network === "instagram" ? { fileName: event.media!.fileName } : {}) });
      });

      it(`${c.label}: an attachment URL that is gone is a NetworkError saying so`, async () => {
        const gone = `${h.emulator.url}/attachments/nothing-here/x.png`;
        await assert.rejects(media(h.connectors.get(c.network)).downloadMedia(c.account, { kind: "image", ref: gone }), (e: unknown) => {
          assert.ok(e instanceof NetworkError);
          assert.equal(e.userMessage, `The file is no longer available from ${c.label} (HTTP 404).`);
          return true;
        });
      });
    }
  });

  describe("location, contacts and what cannot be shown", () => {
    it("WhatsApp: a location", async () => {
      const timestamp = wholeSeconds(h.emulator.now());
      const result = await h.emulator.inboundLocation({ network: "whatsapp", accountId: wa.account, from: wa.person, location: { latitude: 37.44216251868683, longitude: -122.16153582049394, name: "Philz Coffee", address: "101 Forest Ave, Palo Alto" }, timestamp });
      assert.deepEqual(onlyEvent(), {
        kind: "message",
        chat: chatOf(wa),
        sender: senderOf(wa),
        messageId: result.messageId,
        timestamp,
        content: [],
        location: { latitude: 37.44216251868683, longitude: -122.16153582049394, name: "Philz Coffee", address: "101 Forest Ave, Palo Alto" },
      });
    });

    it("WhatsApp: contacts as vCard 3.0", async () => {
      const contact = {
        name: { formatted_name: "Ana María López", first_name: "Ana María", last_name: "López" },
        phones: [{ phone: "+1 (650) 555-1234", wa_id: "16505551234", type: "CELL" }],
        emails: [{ email: "ana@example.org", type: "WORK" }],
        org: { company: "Coast, Inc.", title: "Buyer" },
      };
      await h.emulator.inboundContacts({ network: "whatsapp", accountId: wa.account, from: wa.person, contacts: [contact] });
      const event = onlyEvent();
      assert.equal(event.kind, "message");
      assert.deepEqual(event.kind === "message" && event.contacts, [
        {
          name: "Ana María López",
          vcard: [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:López;Ana María;;;",
            "FN:Ana María López",
            "ORG:Coast\\, Inc.",
            "TITLE:Buyer",
            "TEL;TYPE=CELL:+1 (650) 555-1234",
            "EMAIL;TYPE=INTERNET,WORK:ana@example.org",
            "END:VCARD",
            "",
          ].join("\r\n"),
        },
      ]);
    });

    it("WhatsApp: an unsupported message says what it was", async () => {
      const result = await h.emulator.inboundUnsupported({ network: "whatsapp", accountId: wa.account, from: wa.person, unsupportedType: "poll_update" });
      const event = onlyEvent();
      assert.deepEqual(event.kind === "message" && [event.messageId, event.content, event.unsupported], [result.messageId, [], "a vote in a poll that WhatsApp does not pass on to the bridge"]);
    });

    it("Instagram: an unsupported message says so", async () => {
      const result = await h.emulator.inboundUnsupported({ network: "instagram", accountId: ig.account, from: ig.person });
      const event = onlyEvent();
      assert.deepEqual(event.kind === "message" && [event.messageId, event.content, event.unsupported], [result.messageId, [], "a message that Instagram does not pass on to the bridge"]);
    });
  });

  describe("reactions", () => {
    for (const c of CASES) {
      it(`${c.label}: a reaction and its removal, to the person's own message and to the bridge's`, async () => {
        const own = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "mine" });
        const ours = await bridgeSends(c);
        const timestamp = wholeSeconds(h.emulator.now());
        await h.emulator.inboundReaction({ network: c.network, accountId: c.account, from: c.person, messageId: ours, emoji: "\u2764\ufe0f", timestamp });
        await h.emulator.inboundReaction({ network: c.network, accountId: c.account, from: c.person, messageId: ours, timestamp: timestamp + 1000 });
        await h.emulator.inboundReaction({ network: c.network, accountId: c.account, from: c.person, messageId: own.messageId, emoji: "\ud83c\udf89", timestamp: timestamp + 2000 });
        const events = h.sink.events();
        assert.deepEqual(
          events.map((e) => (e.kind === "reaction" ? [e.chat, e.sender, e.targetMessageId, e.emoji, e.timestamp] : e.kind)),
          [
            [chatOf(c), senderOf(c), ours, "\u2764\ufe0f", timestamp],
            [chatOf(c), senderOf(c), ours, undefined, timestamp + 1000],
            [chatOf(c), senderOf(c), own.messageId, "\ud83c\udf89", timestamp + 2000],
          ],
        );
        const ids = events.map((e) => (e.kind === "reaction" ? e.eventId : ""));
        assert.equal(new Set(ids).size, 3, "each change is its own event");
      });

      it(`${c.label}: Meta's retry of a reaction is the same event (same event id)`, async () => {
        const ours = await bridgeSends(c);
        const { payload } = await h.emulator.inboundReaction({ network: c.network, accountId: c.account, from: c.person, messageId: ours, emoji: "\ud83d\udc4d" });
        assert.equal((await h.emulator.deliver(c.network, payload)).status, 200);
        const [first, retry] = h.sink.events();
        assert.deepEqual(retry, first);
      });
    }
  });

  describe("edits and deletions", () => {
    it("Messenger: an edit is the new text of the message, each edit its own event", async () => {
      const original = await h.emulator.inbound({ network: "messenger", accountId: fb.account, from: fb.person, text: "see you at 5" });
      h.sink.batches = [];
      const timestamp = h.emulator.now();
      await h.emulator.inboundEdit({ network: "messenger", accountId: fb.account, from: fb.person, messageId: original.messageId, text: "see you at 6", timestamp });
      const second = await h.emulator.inboundEdit({ network: "messenger", accountId: fb.account, from: fb.person, messageId: original.messageId, text: "see you at 7", timestamp: timestamp + 1 });
      const [edit, again] = h.sink.events();
      assert.deepEqual(edit, { kind: "edit", chat: chatOf(fb), sender: senderOf(fb), targetMessageId: original.messageId, content: fromPlainText("see you at 6"), timestamp, eventId: `${fb.account}:${original.messageId}:1` });
      assert.equal(again?.kind === "edit" && again.eventId, `${fb.account}:${original.messageId}:2`);
      assert.equal((await h.emulator.deliver("messenger", second.payload)).status, 200);
      assert.deepEqual(h.sink.events()[2], again, "a retry is the same event");
    });

    it("Instagram: an unsent message is a deletion", async () => {
      const original = await h.emulator.inbound({ network: "instagram", accountId: ig.account, from: ig.person, text: "oops" });
      h.sink.batches = [];
      const timestamp = h.emulator.now();
      await h.emulator.inboundDeletion({ network: "instagram", accountId: ig.account, from: ig.person, messageId: original.messageId, timestamp });
      assert.deepEqual(onlyEvent(), { kind: "delete", chat: chatOf(ig), sender: senderOf(ig), targetMessageId: original.messageId, timestamp, eventId: `${ig.account}:${original.messageId}` });
    });

    it("the emulator refuses what the network cannot do", async () => {
      const original = await h.emulator.inbound({ network: "whatsapp", accountId: wa.account, from: wa.person, text: "x" });
      await assert.rejects(h.emulator.inboundEdit({ network: "whatsapp", accountId: wa.account, from: wa.person, messageId: original.messageId, text: "y" }), /WhatsApp has no edit webhooks/);
      await assert.rejects(h.emulator.inboundDeletion({ network: "messenger", accountId: fb.account, from: fb.person, messageId: "m_x" }), /Messenger has no deletion webhooks/);
      await assert.rejects(h.emulator.delivered({ network: "instagram", accountId: ig.account, from: ig.person, messageIds: ["x"] }), /Instagram has no delivery webhooks/);
    });
  });

  describe("read receipts, deliveries and failures", () => {
    it("WhatsApp: delivered and read statuses of the bridge's message; a retry is the same event", async () => {
      const ours = await bridgeSends(wa);
      const timestamp = wholeSeconds(h.emulator.now());
      await h.emulator.delivered({ network: "whatsapp", accountId: wa.account, from: wa.person, messageIds: [ours], timestamp });
      const read = await h.emulator.read({ network: "whatsapp", accountId: wa.account, from: wa.person, messageId: ours, timestamp });
      assert.equal((await h.emulator.deliver("whatsapp", read.payload)).status, 200);
      const base = { kind: "receipt", chat: chatOf(wa), sender: { id: wa.person }, messageIds: [ours], timestamp };
      assert.deepEqual(h.sink.events(), [
        { ...base, status: "delivered", eventId: `${ours}:delivered` },
        { ...base, status: "read", eventId: `${ours}:read` },
        { ...base, status: "read", eventId: `${ours}:read` },
      ]);
    });

    it("WhatsApp: a failed status carries Meta's reason; sent and played are not bridged", async () => {
      const ours = await bridgeSends(wa);
      const timestamp = wholeSeconds(h.emulator.now());
      await h.emulator.status({ accountId: wa.account, messageId: ours, status: "sent" });
      await h.emulator.status({ accountId: wa.account, messageId: ours, status: "played" });
      await h.emulator.status({ accountId: wa.account, messageId: ours, status: "failed", timestamp, error: { code: 131047, title: "Re-engagement message", details: "More than 24 hours have passed since the recipient last replied." } });
      assert.deepEqual(onlyEvent(), {
        kind: "receipt",
        chat: chatOf(wa),
        sender: { id: wa.person },
        status: "failed",
        messageIds: [ours],
        error: "Re-engagement message (131047): More than 24 hours have passed since the recipient last replied.",
        timestamp,
        eventId: `${ours}:failed`,
      });
    });

    it("Messenger: a read watermark and a delivery with mids; retries are the same events", async () => {
      const ours = await bridgeSends(fb);
      const watermark = h.emulator.now();
      const delivered = await h.emulator.delivered({ network: "messenger", accountId: fb.account, from: fb.person, messageIds: [ours], watermark });
      const read = await h.emulator.read({ network: "messenger", accountId: fb.account, from: fb.person, watermark, timestamp: watermark + 5 });
      await h.emulator.deliver("messenger", delivered.payload);
      await h.emulator.deliver("messenger", read.payload);
      const [delivery, seen, deliveryAgain, seenAgain] = h.sink.events();
      assert.deepEqual(delivery, { kind: "receipt", chat: chatOf(fb), sender: senderOf(fb), status: "delivered", messageIds: [ours], watermark, timestamp: delivery!.timestamp, eventId: `${fb.account}:${fb.person}:delivered:${watermark}` });
      assert.deepEqual(seen, { kind: "receipt", chat: chatOf(fb), sender: senderOf(fb), status: "read", messageIds: [], watermark, timestamp: watermark + 5, eventId: `${fb.account}:${fb.person}:read:${watermark}` });
      assert.deepEqual([deliveryAgain, seenAgain], [delivery, seen]);
    });

    it("Instagram: messaging_seen names the message read", async () => {
      const ours = await bridgeSends(ig);
      const timestamp = h.emulator.now();
      await h.emulator.read({ network: "instagram", accountId: ig.account, from: ig.person, messageId: ours, timestamp });
      assert.deepEqual(onlyEvent(), { kind: "receipt", chat: chatOf(ig), sender: senderOf(ig), status: "read", messageIds: [ours], timestamp, eventId: `${ig.account}:${ig.person}:read:${ours}` });
    });
  });
});
