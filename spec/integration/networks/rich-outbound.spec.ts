import { strict as assert } from "node:assert";
import { canCarryMedia, canMarkRead, canReact, canSendLocation, canShowTyping } from "../../../src/core/networks/capabilities";
import type { ChatKey, LocationSupport, MediaSupport, NetworkConnector, OutgoingMedia, ReactionSupport, ReadMarking, TypingSupport } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import type { RecordedRequest } from "../../../src/emulator";
import { startFileServer, type FileServer } from "../emulator/support/file-server";
import { expectRefusal } from "./expect-refusal";
import { CASES, startHarness, type Harness, type NetworkCase } from "./harness";

type Rich = NetworkConnector & MediaSupport & ReactionSupport & ReadMarking & TypingSupport;

const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.from("\r\n--boundary-like line\r\n\0\xff bytes")]);
const PDF = Buffer.from("%PDF-1.4\n% a small document\n");
const wa = CASES.find((c) => c.network === "whatsapp")!;
const fb = CASES.find((c) => c.network === "messenger")!;
const ig = CASES.find((c) => c.network === "instagram")!;
const chatOf = (c: NetworkCase): ChatKey => ({ network: c.network, chatId: c.person, receiver: c.account });

function rich(connector: NetworkConnector | undefined): Rich {
  assert.ok(connector && canCarryMedia(connector) && canReact(connector) && canMarkRead(connector) && canShowTyping(connector));
  return connector as Rich;
}

function image(extra: Partial<OutgoingMedia> = {}): OutgoingMedia {
  return { kind: "image", data: PNG, mimeType: "image/png", fileName: "photo.png", ...extra };
}

function responseOf(request: RecordedRequest): Record<string, unknown> {
  return (typeof request.response === "string" ? JSON.parse(request.response) : request.response) as Record<string, unknown>;
}

describe("rich messages to people, through the Graph emulator", () => {
  let h: Harness;
  let files: FileServer;

  before(async () => {
    h = await startHarness();
    files = await startFileServer();
  });
  beforeEach(() => {
    h.sink.batches = [];
    h.emulator.clearSent();
    h.emulator.clearFailures();
  });

  const personWrites = async (c: NetworkCase, text = "hi") => (await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text })).messageId;

  it("declares what each network can do: all three take files, reactions, read marks and typing; only WhatsApp locations", () => {
    for (const c of CASES) {
      const connector = h.connectors.get(c.network)!;
      assert.ok(canCarryMedia(connector) && canReact(connector) && canMarkRead(connector) && canShowTyping(connector), c.label);
      assert.equal(canSendLocation(connector), c.network === "whatsapp", c.label);
      assert.equal((connector as Rich).oneReactionPerMessage, true);
    }
  });

  describe("WhatsApp", () => {
    const connector = () => rich(h.connectors.get("whatsapp"));

    it("uploads an image to /media (multipart), then sends it by id with its caption and reply context; the bytes arrive intact", async () => {
      const question = await personWrites(wa, "which colour?");
      const result = await connector().sendMedia(chatOf(wa), image({ caption: [{ t: "bold", children: [{ t: "text", text: "This" }] }, { t: "text", text: " one" }], replyToMessageId: question }));
      const [upload, send] = h.emulator.sent({ network: "whatsapp" }).filter((r) => r.method === "POST");
      assert.equal(upload!.path, `/v26.0/${wa.account}/media`);
      assert.deepEqual(upload!.body, { messaging_product: "whatsapp", type: "image/png", files: [{ field: "file", filename: "photo.png", contentType: "image/png", size: PNG.length }] });
      const mediaId = String(responseOf(upload!).id);
      assert.equal(send!.path, `/v26.0/${wa.account}/messages`);
      assert.deepEqual(send!.body, {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: wa.person,
        type: "image",
        image: { id: mediaId, caption: "*This* one" },
        context: { message_id: question },
      });
      const [sent] = h.emulator.sentMedia({ network: "whatsapp" });
      assert.deepEqual([sent!.type, sent!.mimeType, sent!.caption, sent!.source, sent!.messageId], ["image", "image/png", "*This* one", "upload", result.messageIds[0]]);
      assert.ok(sent!.data.equals(PNG), "the bytes arrive intact");
    });

    it("sends a document with its file name, and a voice note whose caption follows as a text", async () => {
      await personWrites(wa);
      await connector().sendMedia(chatOf(wa), { kind: "file", data: PDF, mimeType: "application/pdf", fileName: "Quote 42.pdf", caption: fromPlainText("the quote") });
      const voice = await connector().sendMedia(chatOf(wa), { kind: "audio", data: Buffer.from("OggS opus"), mimeType: "audio/ogg", fileName: "voice.ogg", voice: true, caption: fromPlainText("listen") });
      const messages = h.emulator.sent({ network: "whatsapp", kind: "message" }).map((r) => r.body as Record<string, unknown>);
      assert.deepEqual(messages.map((m) => [m.type, m[m.type as string]]), [
        ["document", { id: (messages[0]!.document as { id: string }).id, caption: "the quote", filename: "Quote 42.pdf" }],
        ["audio", { id: (messages[1]!.audio as { id: string }).id }],
        ["text", { body: "listen", preview_url: false }],
      ]);
      assert.equal(voice.messageIds.length, 2, "the file and its caption");
      assert.deepEqual(h.emulator.sentMedia().map((m) => [m.type, m.data.length]), [["document", PDF.length], ["audio", 9]]);
    });

    it("enforces the limits before uploading: too large, wrong type, a still sticker over 100 KB", async () => {
      await personWrites(wa);
      await expectRefusal(connector().sendMedia(chatOf(wa), image({ data: Buffer.alloc(5 * 1024 * 1024 + 1) })), "unsupported", "The file is 5 MB; WhatsApp takes images of at most 5 MB, so it was not sent.");
      await expectRefusal(connector().sendMedia(chatOf(wa), image({ mimeType: "image/gif" })), "unsupported", "WhatsApp does not take images of type image/gif (only image/jpeg, image/png); the file was not sent.");
      await expectRefusal(connector().sendMedia(chatOf(wa), { kind: "sticker", data: Buffer.alloc(150 * 1024), mimeType: "image/webp", fileName: "s.webp" }), "unsupported", /takes still stickers of at most 100 KB/);
      await expectRefusal(connector().sendMedia(chatOf(wa), { kind: "file", data: PDF, mimeType: "application/zip", fileName: "a.zip" }), "unsupported", /does not take files of type application\/zip/);
      assert.deepEqual(h.emulator.sent({ network: "whatsapp", kind: "media" }), []);
    });

    it("sends an animated sticker up to 500 KB", async () => {
      await personWrites(wa);
      const animated = Buffer.alloc(300 * 1024);
      Buffer.from("RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\x02", "latin1").copy(animated);
      await connector().sendMedia(chatOf(wa), { kind: "sticker", data: animated, mimeType: "image/webp", fileName: "party.webp" });
      assert.deepEqual(h.emulator.sentMedia().map((m) => [m.type, m.data.equals(animated)]), [["sticker", true]]);
    });

    it("maps an upload refused with 131053 to 'unsupported'", async () => {
      await personWrites(wa);
      h.emulator.injectFailure({ network: "whatsapp", pathIncludes: "/media", code: 131053, message: "(#131053) Media upload error" });
      await expectRefusal(connector().sendMedia(chatOf(wa), image()), "unsupported", "WhatsApp refused the file (its type or size is not accepted, or it could not be read); the file was not sent.");
    });

    it("reacts with a reaction message and takes it back with an empty emoji", async () => {
      const target = await personWrites(wa);
      await connector().sendReaction(chatOf(wa), target, "\ud83d\udc4d");
      await connector().sendReaction(chatOf(wa), target, null);
      assert.deepEqual(
        h.emulator.sent({ network: "whatsapp", kind: "reaction" }).map((r) => [r.status, r.body]),
        ["\ud83d\udc4d", ""].map((emoji) => [200, { messaging_product: "whatsapp", recipient_type: "individual", to: wa.person, type: "reaction", reaction: { message_id: target, emoji } }]),
      );
    });

    it("maps a reaction to a message WhatsApp does not know (131009) to 'invalid'", async () => {
      await personWrites(wa);
      await expectRefusal(connector().sendReaction(chatOf(wa), "wamid.unknown", "\ud83d\udc4d"), "invalid", "WhatsApp refused the request as invalid; the reaction was not sent.");
    });

    it("marks read with status read, and shows typing in answer to the last message (nothing without one, nothing to stop)", async () => {
      const last = await personWrites(wa);
      await connector().markRead(chatOf(wa), last);
      await connector().setTyping(chatOf(wa), true, last);
      await connector().setTyping(chatOf(wa), true);
      await connector().setTyping(chatOf(wa), false, last);
      assert.deepEqual(
        h.emulator.sent({ network: "whatsapp" }).filter((r) => r.kinds.includes("read") || r.kinds.includes("typing")).map((r) => [r.status, r.body]),
        [
          [200, { messaging_product: "whatsapp", status: "read", message_id: last }],
          [200, { messaging_product: "whatsapp", status: "read", message_id: last, typing_indicator: { type: "text" } }],
        ],
      );
    });

    it("sends a location with decimal-string coordinates and a reply context", async () => {
      const question = await personWrites(wa, "where are you?");
      const connectorWithLocation = h.connectors.get("whatsapp")! as NetworkConnector & LocationSupport;
      const result = await connectorWithLocation.sendLocation(chatOf(wa), { latitude: 37.44216251868683, longitude: -122.16153582049394, name: "Philz Coffee", address: "101 Forest Ave" }, question);
      const [send] = h.emulator.sent({ network: "whatsapp", kind: "message" });
      assert.deepEqual(send!.body, {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: wa.person,
        type: "location",
        location: { latitude: "37.44216251868683", longitude: "-122.16153582049394", name: "Philz Coffee", address: "101 Forest Ave" },
        context: { message_id: question },
      });
      assert.equal(result.messageIds.length, 1);
    });
  });

  describe("Messenger", () => {
    const connector = () => rich(h.connectors.get("messenger"));

    it("uploads the file with the send (multipart filedata); the caption follows as a text; the bytes arrive intact", async () => {
      await personWrites(fb);
      const result = await connector().sendMedia(chatOf(fb), image({ caption: fromPlainText("our new colour") }));
      const [attachment, caption] = h.emulator.sent({ network: "messenger", kind: "message" });
      assert.equal(attachment!.path, `/v26.0/${fb.account}/messages`);
      assert.deepEqual(attachment!.body, {
        recipient: { id: fb.person },
        messaging_type: "RESPONSE",
        message: { attachment: { type: "image", payload: { is_reusable: false } } },
        files: [{ field: "filedata", filename: "photo.png", contentType: "image/png", size: PNG.length }],
      });
      assert.deepEqual(caption!.body, { recipient: { id: fb.person }, messaging_type: "RESPONSE", message: { text: "our new colour" } });
      assert.deepEqual(result.messageIds, [responseOf(attachment!).message_id, responseOf(caption!).message_id]);
      const [sent] = h.emulator.sentMedia({ network: "messenger" });
      assert.deepEqual([sent!.type, sent!.mimeType, sent!.fileName, sent!.source], ["image", "image/png", "photo.png", "filedata"]);
      assert.ok(sent!.data.equals(PNG));
      // the echo of the upload names the emulator's CDN URL, and is not bridged back
      await h.emulator.waitForWebhooks({ network: "messenger", kind: "echo" }, 2);
      assert.deepEqual(h.sink.events().filter((e) => e.kind !== "message" || e.messageId !== result.messageIds[0]), h.sink.events());
    });

    it("sends a file of any type, and a voice note as audio", async () => {
      await personWrites(fb);
      await connector().sendMedia(chatOf(fb), { kind: "file", data: Buffer.from("PK\x03\x04zip"), mimeType: "application/zip", fileName: "a.zip" });
      await connector().sendMedia(chatOf(fb), { kind: "audio", data: Buffer.from("OggS"), mimeType: "audio/ogg", fileName: "voice.ogg", voice: true });
      assert.deepEqual(h.emulator.sentMedia({ network: "messenger" }).map((m) => [m.type, m.mimeType]), [["file", "application/zip"], ["audio", "audio/ogg"]]);
    });

    it("enforces the limits: 25 MB, image types; no request goes out", async () => {
      await personWrites(fb);
      await expectRefusal(connector().sendMedia(chatOf(fb), { kind: "file", data: Buffer.alloc(25 * 1024 * 1024 + 1), mimeType: "application/pdf", fileName: "big.pdf" }), "unsupported", "The file is 25 MB; Messenger takes files of at most 25 MB, so it was not sent.");
      await expectRefusal(connector().sendMedia(chatOf(fb), image({ mimeType: "image/tiff" })), "unsupported", /Messenger does not take images of type image\/tiff/);
      await expectRefusal(connector().sendMedia(chatOf(fb), { kind: "sticker", data: PNG, mimeType: "image/png", fileName: "s.png" }), "unsupported", "Messenger does not take stickers; the file was not sent.");
      assert.deepEqual(h.emulator.sent({ network: "messenger" }).filter((r) => r.kinds.includes("message")), []);
    });

    it("maps an attachment Meta refuses (code 100) to 'unsupported', so the core can fall back", async () => {
      await personWrites(fb);
      h.emulator.injectFailure({ network: "messenger", code: 100, message: "(#100) Invalid attachment" });
      await expectRefusal(connector().sendMedia(chatOf(fb), image()), "unsupported", "Messenger refused the file (it could not fetch or read it, or does not take its type or size); the file was not sent.");
    });

    it("does not carry a reply reference (the Send API has none)", async () => {
      const question = await personWrites(fb);
      await connector().sendMessage(chatOf(fb), { kind: "text", content: fromPlainText("answer"), replyToMessageId: question });
      assert.deepEqual(h.emulator.sent({ network: "messenger", kind: "message" })[0]!.body, { recipient: { id: fb.person }, messaging_type: "RESPONSE", message: { text: "answer" } });
    });
  });

  describe("Instagram", () => {
    const connector = () => rich(h.connectors.get("instagram"));

    it("refuses a file without a public URL: the bridge needs webhooks.public_url", async () => {
      await personWrites(ig);
      await expectRefusal(
        connector().sendMedia(chatOf(ig), image({ mimeType: "image/jpeg" })),
        "unsupported",
        "Instagram only takes files by a public URL, and this bridge has none; an admin must set webhooks.public_url so that files can be sent to Instagram.",
      );
      assert.deepEqual(h.emulator.sent({ network: "instagram", kind: "message" }), []);
    });

    it("sends a file by its URL (Instagram fetches it; the bytes arrive intact), replying with reply_to", async () => {
      const question = await personWrites(ig, "the menu?");
      const url = files.serve("menu.pdf", PDF, "application/pdf");
      const result = await connector().sendMedia(chatOf(ig), { kind: "file", data: PDF, mimeType: "application/pdf", fileName: "menu.pdf", url, replyToMessageId: question });
      const [send] = h.emulator.sent({ network: "instagram", kind: "message" });
      assert.deepEqual(send!.body, { recipient: { id: ig.person }, message: { attachment: { type: "file", payload: { url } } }, reply_to: { mid: question } });
      assert.deepEqual(result.messageIds, [responseOf(send!).message_id]);
      const [sent] = h.emulator.sentMedia({ network: "instagram" });
      assert.deepEqual([sent!.type, sent!.mimeType, sent!.source, sent!.url], ["file", "application/pdf", "url", url]);
      assert.ok(sent!.data.equals(PDF));
    });

    it("maps a URL Instagram cannot fetch (code 100) to 'unsupported'", async () => {
      await personWrites(ig);
      await expectRefusal(
        connector().sendMedia(chatOf(ig), image({ mimeType: "image/jpeg", url: files.missing("photo.jpg") })),
        "unsupported",
        "Instagram refused the file (it could not fetch or read it, or does not take its type or size); the file was not sent.",
      );
    });

    it("enforces the limits: images are png or jpeg up to 8 MB, files are PDFs", async () => {
      await personWrites(ig);
      await expectRefusal(connector().sendMedia(chatOf(ig), image({ data: Buffer.alloc(8 * 1024 * 1024 + 1), url: "https://example.org/x.png" })), "unsupported", "The file is 8 MB; Instagram takes images of at most 8 MB, so it was not sent.");
      await expectRefusal(connector().sendMedia(chatOf(ig), { kind: "file", data: PDF, mimeType: "application/zip", fileName: "a.zip", url: "https://example.org/a.zip" }), "unsupported", /Instagram does not take files of type application\/zip \(only application\/pdf\)/);
      assert.deepEqual(h.emulator.sent({ network: "instagram", kind: "message" }), []);
    });

    it("replies to a message with reply_to on the first part of a text", async () => {
      const question = await personWrites(ig);
      await connector().sendMessage(chatOf(ig), { kind: "text", content: fromPlainText("yes"), replyToMessageId: question });
      assert.deepEqual(h.emulator.sent({ network: "instagram", kind: "message" })[0]!.body, { recipient: { id: ig.person }, message: { text: "yes" }, reply_to: { mid: question } });
    });

    it("sends a reply Instagram refuses (code 100) again without reply_to", async () => {
      const question = await personWrites(ig);
      h.emulator.injectFailure({ network: "instagram", pathIncludes: "/messages", code: 100, message: "(#100) Invalid parameter" });
      const result = await connector().sendMessage(chatOf(ig), { kind: "text", content: fromPlainText("yes"), replyToMessageId: question });
      const sent = h.emulator.sent({ network: "instagram", kind: "message" });
      assert.deepEqual(sent.map((r) => [r.status, r.body]), [
        [400, { recipient: { id: ig.person }, message: { text: "yes" }, reply_to: { mid: question } }],
        [200, { recipient: { id: ig.person }, message: { text: "yes" } }],
      ]);
      assert.equal(result.messageIds.length, 1);
    });
  });

  for (const c of [fb, ig]) {
    describe(`${c.label} sender actions`, () => {
      const connector = () => rich(h.connectors.get(c.network));

      it("reacts with react and any emoji, takes it back with unreact (message id only)", async () => {
        const target = await personWrites(c);
        await connector().sendReaction(chatOf(c), target, "\ud83c\udf89");
        await connector().sendReaction(chatOf(c), target, null);
        assert.deepEqual(h.emulator.sent({ network: c.network, kind: "reaction" }).map((r) => [r.status, r.body]), [
          [200, { recipient: { id: c.person }, sender_action: "react", payload: { message_id: target, reaction: "\ud83c\udf89" } }],
          [200, { recipient: { id: c.person }, sender_action: "unreact", payload: { message_id: target } }],
        ]);
      });

      it("marks the conversation seen and turns typing on and off", async () => {
        const last = await personWrites(c);
        await connector().markRead(chatOf(c), last);
        await connector().setTyping(chatOf(c), true);
        await connector().setTyping(chatOf(c), false);
        assert.deepEqual(h.emulator.sent({ network: c.network, kind: "sender_action" }).map((r) => [r.status, r.body]), [
          [200, { recipient: { id: c.person }, sender_action: "mark_seen" }],
          [200, { recipient: { id: c.person }, sender_action: "typing_on" }],
          [200, { recipient: { id: c.person }, sender_action: "typing_off" }],
        ]);
      });

      it("maps a sender action outside the window to 'window-closed'", async () => {
        await personWrites(c);
        h.emulator.advanceClock(25 * 60 * 60 * 1000);
        await expectRefusal(connector().setTyping(chatOf(c), true), "window-closed", new RegExp(`^The typing notification was not sent: it has been more than 24 hours`));
      });
    });
  }
});
