import { strict as assert } from "node:assert";
import { GhostService } from "../../../src/core/ghosts/ghost-service";
import { OutboundEphemeral } from "../../../src/core/messages/outbound/outbound-ephemeral";
import { OutboundRelay } from "../../../src/core/messages/outbound/outbound-relay";
import { RemoteMessageHandler } from "../../../src/core/messages/remote-message-handler";
import { RemoteUpdates } from "../../../src/core/messages/remote-updates";
import type { RemoteMessage } from "../../../src/core/networks/connector";
import { NetworkRegistry } from "../../../src/core/networks/registry";
import { PortalService } from "../../../src/core/portals/portal-service";
import { FakeConnector, fakeEntry } from "../../support/fakes/fake-connector";
import { FakeMatrix } from "../../support/fakes/fake-matrix";
import { memoryStore } from "../../support/memory-store";

const chat = { network: "whatsapp", chatId: "15551234567", receiver: "100" };
const sender = { id: "15551234567", name: "Bob" };
const ghostId = "@whatsapp_15551234567:example.org";

async function bridge() {
  const store = await memoryStore();
  const matrix = new FakeMatrix();
  const net = new FakeConnector("whatsapp", "WhatsApp");
  const networks = new NetworkRegistry([fakeEntry(net, "whatsapp_", "{name} (WhatsApp)")]);
  const ghosts = new GhostService(store.ghosts, networks, matrix);
  const portals = new PortalService(store.portals, matrix, { inviteTargets: () => ["@alice:example.org"], encryptByDefault: false });
  const permissions = { globalPermissions: { "example.org": "user" as const }, networkPermissions: () => ({}) };
  const inbound = new RemoteMessageHandler(networks, ghosts, portals, store.messages, matrix);
  const updates = new RemoteUpdates(networks, ghosts, store.messages, store.reactions, matrix);
  const outbound = new OutboundRelay(networks, portals, store.bridgedRooms, store.messages, matrix, store.reactions, permissions);
  const ephemeral = new OutboundEphemeral(networks, portals, store.messages, { ...permissions, domain: "example.org", isBridgeUser: (u) => u.startsWith("@whatsapp_") });
  const message = (id: string, extra: Partial<RemoteMessage> = {}): RemoteMessage => ({
    kind: "message", chat, sender, messageId: id, timestamp: Date.now() - 60_000, content: [{ t: "text", text: `text of ${id}` }], ...extra,
  });
  await inbound.handle(message("wamid.first"));
  const roomId = matrix.rooms[0]!.roomId;
  const eventOf = async (remoteId: string) => (await store.messages.get({ network: "whatsapp", remoteId, partId: "" }))!.eventId;
  const userEvent = (eventId: string, type: string, content: Record<string, unknown>, redacts?: string) =>
    outbound.handle({ roomId, eventId, sender: "@alice:example.org", type, content, redacts });
  return { store, matrix, net, inbound, updates, outbound, ephemeral, message, roomId, eventOf, userEvent };
}

describe("rich messages from the network into Matrix", () => {
  it("uploads a photo and sends it with its caption, file name and info", async () => {
    const b = await bridge();
    b.net.remoteFiles.set("media-1", { data: Buffer.from("jpeg bytes"), mimeType: "image/jpeg" });
    await b.inbound.handle(b.message("wamid.img", { content: [{ t: "text", text: "look" }], media: { kind: "image", ref: "media-1", mimeType: "image/jpeg", width: 640, height: 480 } }));
    const sent = b.matrix.sent.at(-1)!;
    assert.equal(sent.type, "m.room.message");
    assert.deepEqual(sent.content, {
      url: "mxc://example.org/upload1",
      info: { mimetype: "image/jpeg", size: 10, w: 640, h: 480 },
      body: "look",
      filename: "image.jpg",
      msgtype: "m.image",
    });
    assert.deepEqual(b.matrix.media.get("mxc://example.org/upload1")!.data, Buffer.from("jpeg bytes"));
  });

  it("sends files encrypted (EncryptedFile) in encrypted rooms, voice notes as voice, stickers as m.sticker", async () => {
    const b = await bridge();
    b.matrix.encryptedRooms.add(b.roomId);
    b.net.remoteFiles.set("v", { data: Buffer.from("ogg"), mimeType: "audio/ogg" });
    b.net.remoteFiles.set("s", { data: Buffer.from("webp"), mimeType: "image/webp" });
    await b.inbound.handle(b.message("wamid.voice", { content: [], media: { kind: "audio", ref: "v", voice: true, durationMs: 3000 } }));
    const voice = b.matrix.sent.at(-1)!.content;
    assert.equal(voice.msgtype, "m.audio");
    assert.deepEqual(voice.file, { url: "mxc://example.org/upload1", v: "v2" });
    assert.equal(voice.url, undefined);
    assert.deepEqual(voice["org.matrix.msc3245.voice"], {});
    await b.inbound.handle(b.message("wamid.sticker", { content: [], media: { kind: "sticker", ref: "s" } }));
    assert.equal(b.matrix.sent.at(-1)!.type, "m.sticker");
  });

  it("says so when a file cannot be fetched, instead of dropping it", async () => {
    const b = await bridge();
    await b.inbound.handle(b.message("wamid.gone", { content: [{ t: "text", text: "doc" }], media: { kind: "file", ref: "missing" } }));
    const content = b.matrix.sent.at(-1)!.content;
    assert.equal(content.msgtype, "m.notice");
    assert.match(String(content.body), /^Sent a file that could not be fetched from WhatsApp \(gone\)\.\ndoc$/);
  });

  it("sends locations with a geo: URI, contacts as text plus a vCard file, and unsupported content as a notice", async () => {
    const b = await bridge();
    await b.inbound.handle(b.message("wamid.loc", { content: [], location: { latitude: 52.5, longitude: 13.4, name: "Office" } }));
    assert.deepEqual(b.matrix.sent.at(-1)!.content, { msgtype: "m.location", body: "Location: Office (geo:52.5,13.4)", geo_uri: "geo:52.5,13.4" });
    await b.inbound.handle(b.message("wamid.card", { content: [], contacts: [{ name: "Ann Example", vcard: "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Example\nTEL:+155500\nEND:VCARD" }] }));
    const [text, file] = b.matrix.sent.slice(-2);
    assert.equal(text!.content.body, "Contact: Ann Example (+155500)");
    assert.equal(file!.content.msgtype, "m.file");
    assert.equal(file!.content.body, "Ann Example.vcf");
    assert.equal((await b.store.messages.listParts("whatsapp", "wamid.card")).length, 2, "both events are parts of the message");
    await b.inbound.handle(b.message("wamid.poll", { content: [], unsupported: "a poll" }));
    assert.equal(b.matrix.sent.at(-1)!.content.body, "Sent a poll, which this bridge cannot show; open WhatsApp to see it.");
  });
});

describe("reactions, edits, deletions and receipts from the network", () => {
  const reaction = (emoji: string | undefined, eventId: string) => ({ kind: "reaction" as const, chat, sender, targetMessageId: "wamid.first", emoji, timestamp: 2_000, eventId });

  it("reacts as the ghost, replaces a changed reaction, removes a taken-back one, ignores repeats", async () => {
    const b = await bridge();
    const target = await b.eventOf("wamid.first");
    await b.updates.reaction(reaction("👍", "r1"));
    const first = b.matrix.sent.at(-1)!;
    assert.equal(first.type, "m.reaction");
    assert.equal(first.userId, ghostId);
    assert.deepEqual(first.content, { "m.relates_to": { rel_type: "m.annotation", event_id: target, key: "👍" } });
    await b.updates.reaction(reaction("👍", "r1-again"));
    await b.updates.reaction(reaction("❤️", "r2"));
    assert.deepEqual(b.matrix.redactions.map((r) => r.eventId), [first.eventId], "the old reaction is redacted");
    await b.updates.reaction(reaction(undefined, "r3"));
    assert.equal(b.matrix.redactions.length, 2);
    assert.equal(b.matrix.sent.filter((e) => e.type === "m.reaction").length, 2);
    await b.updates.reaction({ ...reaction("👍", "r4"), targetMessageId: "wamid.never-seen" });
    assert.equal(b.matrix.sent.filter((e) => e.type === "m.reaction").length, 2, "nothing for an unknown message");
  });

  it("edits with m.replace, and deletes the person's own message by redaction", async () => {
    const b = await bridge();
    const target = await b.eventOf("wamid.first");
    await b.updates.edit({ kind: "edit", chat, sender, targetMessageId: "wamid.first", content: [{ t: "text", text: "fixed" }], timestamp: 3_000, eventId: "e1" });
    assert.deepEqual(b.matrix.sent.at(-1)!.content, {
      msgtype: "m.text",
      body: "* fixed",
      "m.new_content": { msgtype: "m.text", body: "fixed" },
      "m.relates_to": { rel_type: "m.replace", event_id: target },
    });
    await b.updates.deletion({ kind: "delete", chat, sender: { id: "someone-else" }, targetMessageId: "wamid.first", timestamp: 4_000, eventId: "d0" });
    assert.equal(b.matrix.redactions.length, 0, "nobody deletes another person's message");
    await b.updates.deletion({ kind: "delete", chat, sender, targetMessageId: "wamid.first", timestamp: 4_000, eventId: "d1" });
    assert.deepEqual(b.matrix.redactions.map((r) => [r.userId, r.eventId]), [[ghostId, target]]);
  });

  it("turns read receipts into the ghost's read receipt, and failed deliveries into a notice", async () => {
    const b = await bridge();
    await b.userEvent("$a", "m.room.message", { msgtype: "m.text", body: "one" });
    await b.userEvent("$b", "m.room.message", { msgtype: "m.text", body: "two" });
    const [one, two] = b.net.sent.map((_, i) => `whatsapp-out-${i + 1}`);
    await b.updates.receipt({ kind: "receipt", chat, sender, status: "read", messageIds: [one!, two!], timestamp: 5_000, eventId: "rd1" });
    assert.deepEqual(b.matrix.receipts.filter((r) => r.userId === ghostId).map((r) => r.eventId), ["$b"]);
    await b.updates.receipt({ kind: "receipt", chat, sender, status: "read", messageIds: [], watermark: Date.now() + 1000, timestamp: 5_000, eventId: "rd2" });
    assert.equal(b.matrix.receipts.filter((r) => r.userId === ghostId).length, 2);
    await b.updates.receipt({ kind: "receipt", chat, sender, status: "failed", messageIds: [one!], error: "the number is not on WhatsApp", timestamp: 5_000, eventId: "f1" });
    assert.equal(b.matrix.notices(b.roomId).at(-1), "Not delivered to WhatsApp: the number is not on WhatsApp.");
  });
});

describe("rich messages from Matrix to the network", () => {
  async function withFile(data: Buffer, mimeType: string) {
    const b = await bridge();
    const url = await b.matrix.uploadContent(data, mimeType);
    b.matrix.media.set(url, { data, mimeType });
    return { ...b, url };
  }

  it("sends an image within the network's limits as an image, and confirms with the bot's receipt", async () => {
    const b = await withFile(Buffer.alloc(500, 1), "image/png");
    await b.userEvent("$img", "m.room.message", { msgtype: "m.image", body: "look at this", filename: "cat.png", url: b.url, info: { mimetype: "image/png", size: 500 } });
    const [sent] = b.net.sentMedia;
    assert.equal(sent!.media.kind, "image");
    assert.equal(sent!.media.fileName, "cat.png");
    assert.deepEqual(sent!.media.caption, [{ t: "text", text: "look at this" }]);
    assert.equal(sent!.media.data.length, 500);
    assert.ok(b.matrix.receipts.some((r) => r.userId === b.matrix.botUserId && r.eventId === "$img"));
    assert.equal((await b.store.messages.getByEventId("$img"))?.remoteId, "whatsapp-media-1");
  });

  it("falls back image → file when the image is too large or of a type the network refuses, saying why", async () => {
    const b = await withFile(Buffer.alloc(2000, 1), "image/png");
    await b.userEvent("$big", "m.room.message", { msgtype: "m.image", body: "big.png", url: b.url, info: { mimetype: "image/png" } });
    assert.equal(b.net.sentMedia.at(-1)!.media.kind, "file");
    assert.match(b.matrix.notices(b.roomId).at(-1)!, /^Sent to WhatsApp as a file: as an image, it is too large \(2 KB; the limit is 1000 bytes\)\.$/);
    const gif = await withFile(Buffer.alloc(10, 1), "image/gif");
    await gif.userEvent("$gif", "m.room.message", { msgtype: "m.image", body: "a.gif", url: gif.url, info: { mimetype: "image/gif" } });
    assert.equal(gif.net.sentMedia.at(-1)!.media.kind, "file");
    assert.match(gif.matrix.notices(gif.roomId).at(-1)!, /image\/gif files are not accepted/);
  });

  it("falls back to the file's name as text when nothing fits, and tells the sender", async () => {
    const b = await withFile(Buffer.alloc(6000, 1), "video/mp4");
    await b.userEvent("$huge", "m.room.message", { msgtype: "m.video", body: "clip.mp4", url: b.url, info: { mimetype: "video/mp4", size: 6000 } });
    assert.equal(b.net.sentMedia.length, 0);
    assert.deepEqual(b.net.sent.at(-1)!.message.content, [{ t: "text", text: "[file: clip.mp4, 6 KB]" }]);
    assert.equal(b.matrix.notices(b.roomId).at(-1), "Only the file's name reached WhatsApp: it is too large (the largest file WhatsApp takes is 5 KB).");
  });

  it("sends locations, and reactions with one per person, taking back only the current one", async () => {
    const b = await bridge();
    await b.userEvent("$loc", "m.room.message", { msgtype: "m.location", body: "Here", geo_uri: "geo:1.5,-2.25" });
    assert.deepEqual(b.net.locations[0]!.location, { latitude: 1.5, longitude: -2.25, name: "Here" });
    const target = await b.eventOf("wamid.first");
    const react = (eventId: string, key: string) => b.userEvent(eventId, "m.reaction", { "m.relates_to": { rel_type: "m.annotation", event_id: target, key } });
    await react("$r1", "👍");
    await react("$r2", "😂");
    assert.deepEqual(b.net.reactions.map((r) => [r.target, r.emoji]), [["wamid.first", "👍"], ["wamid.first", "😂"]]);
    await b.userEvent("$x1", "m.room.redaction", {}, "$r1");
    assert.equal(b.net.reactions.length, 2, "the replaced reaction is already gone on the network");
    await b.userEvent("$x2", "m.room.redaction", {}, "$r2");
    assert.deepEqual(b.net.reactions.at(-1), { chat, target: "wamid.first", emoji: null });
  });

  it("answers edits and deletions of bridged messages with a notice, and quotes replies to messages the network never saw", async () => {
    const b = await bridge();
    await b.userEvent("$orig", "m.room.message", { msgtype: "m.text", body: "hello" });
    await b.userEvent("$edit", "m.room.message", { msgtype: "m.text", body: "* hallo", "m.new_content": { msgtype: "m.text", body: "hallo" }, "m.relates_to": { rel_type: "m.replace", event_id: "$orig" } });
    assert.match(b.matrix.notices(b.roomId).at(-1)!, /does not let the bridge edit messages/);
    await b.userEvent("$del", "m.room.redaction", {}, "$orig");
    assert.match(b.matrix.notices(b.roomId).at(-1)!, /does not let the bridge unsend messages/);
    b.matrix.events.set("$local", { type: "m.room.message", sender: "@carol:example.org", content: { msgtype: "m.text", body: "Matrix-only" } });
    await b.userEvent("$reply", "m.room.message", { msgtype: "m.text", body: "> <@carol:example.org> Matrix-only\n\nyes", "m.relates_to": { "m.in_reply_to": { event_id: "$local" } } });
    const sent = b.net.sent.at(-1)!.message;
    assert.equal(sent.replyToMessageId, undefined);
    assert.deepEqual(sent.content[0], { t: "quote", children: [{ t: "text", text: "@carol:example.org: Matrix-only" }] });
  });

  it("marks the person's messages read when a Matrix user reads them, and shows typing", async () => {
    const b = await bridge();
    const first = await b.eventOf("wamid.first");
    await b.ephemeral.receipt(b.roomId, "@alice:example.org", first);
    await b.ephemeral.receipt(b.roomId, "@alice:example.org", first);
    assert.deepEqual(b.net.reads.map((r) => r.messageId), ["wamid.first"], "once per message");
    await b.ephemeral.receipt(b.roomId, ghostId, first);
    assert.equal(b.net.reads.length, 1, "the ghost's own receipts are not echoed");
    await b.ephemeral.typingChanged(b.roomId, ["@alice:example.org"]);
    await b.ephemeral.typingChanged(b.roomId, ["@alice:example.org"]);
    await b.ephemeral.typingChanged(b.roomId, []);
    assert.deepEqual(b.net.typing.map((t) => [t.typing, t.lastIncoming]), [[true, "wamid.first"], [false, "wamid.first"]]);
  });
});
