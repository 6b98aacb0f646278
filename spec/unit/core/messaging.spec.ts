import { strict as assert } from "node:assert";
import { GhostService } from "../../../src/core/ghosts/ghost-service";
import { RemoteEventIntake } from "../../../src/core/intake/remote-event-intake";
import { OutboundRelay } from "../../../src/core/messages/outbound/outbound-relay";
import { RemoteMessageHandler } from "../../../src/core/messages/remote-message-handler";
import { networkId, type RemoteMessage } from "../../../src/core/networks/connector";
import { NetworkError } from "../../../src/core/networks/network-error";
import { NetworkRegistry } from "../../../src/core/networks/registry";
import { PortalService } from "../../../src/core/portals/portal-service";
import type { Store } from "../../../src/store";
import { FakeConnector, fakeEntry } from "../../support/fakes/fake-connector";
import { FakeMatrix } from "../../support/fakes/fake-matrix";
import { memoryStore } from "../../support/memory-store";

interface Bridge {
  store: Store;
  matrix: FakeMatrix;
  whatsapp: FakeConnector;
  inbound: RemoteMessageHandler;
  outbound: OutboundRelay;
}

async function bridge(options: { networkPermissions?: Record<string, "relay" | "user" | "admin"> } = {}): Promise<Bridge> {
  const store = await memoryStore();
  const matrix = new FakeMatrix();
  const whatsapp = new FakeConnector("whatsapp", "WhatsApp");
  const networks = new NetworkRegistry([fakeEntry(whatsapp, "whatsapp_", "{name} (WhatsApp)")]);
  const ghosts = new GhostService(store.ghosts, networks, matrix);
  const portals = new PortalService(store.portals, matrix, { inviteTargets: () => ["@alice:example.org", "!team:example.org"], encryptByDefault: false });
  matrix.inviteRooms.set("!team:example.org", ["@bob:example.org", "@alice:example.org"]);
  return {
    store,
    matrix,
    whatsapp,
    inbound: new RemoteMessageHandler(networks, ghosts, portals, store.messages, matrix),
    outbound: new OutboundRelay(networks, portals, store.bridgedRooms, store.messages, matrix, store.reactions, {
      globalPermissions: { "example.org": "user" },
      networkPermissions: () => options.networkPermissions ?? {},
    }),
  };
}

const chat = { network: "whatsapp", chatId: "15551234567", receiver: "100" };
/** a minute ago: inside the network's 24-hour messaging window */
const SENT_AT = Date.now() - 60_000;
const message = (id: string, text: string, extra: Partial<RemoteMessage> = {}): RemoteMessage => ({
  kind: "message",
  chat,
  sender: { id: "15551234567", name: "Bob" },
  messageId: id,
  timestamp: SENT_AT,
  content: [{ t: "text", text }],
  ...extra,
});

describe("remote messages into Matrix", () => {
  it("creates the ghost and the portal on the first message, then reuses both", async () => {
    const b = await bridge();
    await b.inbound.handle(message("wamid.1", "hello"));
    await b.inbound.handle(message("wamid.2", "again"));
    assert.equal(b.matrix.rooms.length, 1, "one portal");
    const room = b.matrix.rooms[0]!;
    assert.equal(room.name, "Bob");
    assert.equal(room.topic, "WhatsApp chat with #15551234567 through Support");
    assert.equal(room.ghostUserId, "@whatsapp_15551234567:example.org");
    assert.deepEqual(room.invite.sort(), ["@alice:example.org", "@bob:example.org"]);
    const bridgeInfo = room.initialState.find((s) => s.type === "m.bridge")!;
    assert.deepEqual(bridgeInfo.content.channel, { id: "15551234567", displayname: "Bob" });
    assert.deepEqual((bridgeInfo.content.protocol as { id: string }).id, "whatsapp");
    assert.ok(room.initialState.some((s) => s.type === "uk.half-shot.bridge"));
    assert.equal(b.matrix.names.get("@whatsapp_15551234567:example.org"), "Bob (WhatsApp)");

    const [first, second] = b.matrix.sent;
    assert.equal(first!.userId, "@whatsapp_15551234567:example.org");
    assert.equal(first!.roomId, room.roomId);
    assert.equal(first!.timestamp, SENT_AT, "keeps the remote timestamp");
    assert.deepEqual(first!.content, { msgtype: "m.text", body: "hello" });
    assert.equal(second!.content.body, "again");
    const mapped = await b.store.messages.get({ network: "whatsapp", remoteId: "wamid.1", partId: "" });
    assert.equal(mapped?.eventId, first!.eventId);
  });

  it("gives a person writing to two accounts two portals", async () => {
    const b = await bridge();
    await b.inbound.handle(message("wamid.1", "to support"));
    await b.inbound.handle(message("wamid.2", "to sales", { chat: { ...chat, receiver: "200" } }));
    assert.equal(b.matrix.rooms.length, 2);
    assert.notEqual(b.matrix.sent[0]!.roomId, b.matrix.sent[1]!.roomId);
    assert.equal(b.matrix.sent[0]!.userId, b.matrix.sent[1]!.userId, "one ghost per person");
  });

  it("drops a repeated delivery of a message already bridged", async () => {
    const b = await bridge();
    await b.inbound.handle(message("wamid.1", "hello"));
    await b.inbound.handle(message("wamid.1", "hello"));
    assert.equal(b.matrix.sent.length, 1);
  });

  it("sends formatted text with an HTML body, and replies as Matrix replies", async () => {
    const b = await bridge();
    await b.inbound.handle(message("wamid.1", "first"));
    await b.inbound.handle(
      message("wamid.2", "", { content: [{ t: "bold", children: [{ t: "text", text: "yes" }] }], replyToMessageId: "wamid.1" }),
    );
    const reply = b.matrix.sent[1]!.content;
    assert.equal(reply.body, "yes");
    assert.equal(reply.formatted_body, "<strong>yes</strong>");
    assert.deepEqual(reply["m.relates_to"], { "m.in_reply_to": { event_id: b.matrix.sent[0]!.eventId } });
  });

  it("fails (for a retry) without recording when the homeserver refuses the send", async () => {
    const b = await bridge();
    b.matrix.failSends = 1;
    await assert.rejects(b.inbound.handle(message("wamid.1", "hello")));
    await b.inbound.handle(message("wamid.1", "hello"));
    assert.equal(b.matrix.sent.length, 1);
    assert.equal(b.matrix.rooms.length, 1, "the retry reuses the portal");
  });
});

describe("Matrix messages to the network", () => {
  async function portalBridge(options?: Parameters<typeof bridge>[0]) {
    const b = await bridge(options);
    await b.inbound.handle(message("wamid.1", "hello"));
    return { ...b, roomId: b.matrix.rooms[0]!.roomId };
  }

  it("sends text from a portal to the chat and records it in the message map", async () => {
    const b = await portalBridge();
    const handled = await b.outbound.handle({
      roomId: b.roomId,
      eventId: "$mine",
      sender: "@alice:example.org",
      type: "m.room.message",
      content: { msgtype: "m.text", body: "> <@whatsapp_15551234567:example.org> hello\n\nhi **there**", format: "org.matrix.custom.html", formatted_body: "<mx-reply>quote</mx-reply>hi <b>there</b>", "m.relates_to": { "m.in_reply_to": { event_id: b.matrix.sent[0]!.eventId } } },
    });
    assert.equal(handled, true);
    const [sent] = b.whatsapp.sent;
    assert.deepEqual(sent!.chat, chat);
    assert.equal(sent!.message.kind, "text");
    assert.deepEqual(sent!.message.content, [{ t: "text", text: "hi " }, { t: "bold", children: [{ t: "text", text: "there" }] }]);
    assert.equal(sent!.message.replyToMessageId, "wamid.1");
    assert.equal((await b.store.messages.getByEventId("$mine"))?.remoteId, "whatsapp-out-1");
  });

  it("does not send the same Matrix event twice", async () => {
    const b = await portalBridge();
    const event = { roomId: b.roomId, eventId: "$mine", sender: "@alice:example.org", type: "m.room.message", content: { msgtype: "m.text", body: "hi" } };
    await b.outbound.handle(event);
    await b.outbound.handle(event);
    assert.equal(b.whatsapp.sent.length, 1);
  });

  it("tells the sender, in a reply notice, why the network refused a message", async () => {
    const b = await portalBridge();
    b.whatsapp.nextError = new NetworkError("window-closed", "it has been more than 24 hours since they last wrote; they must write first.", "131047");
    await b.outbound.handle({ roomId: b.roomId, eventId: "$late", sender: "@alice:example.org", type: "m.room.message", content: { msgtype: "m.text", body: "hi" } });
    const notice = b.matrix.sent.at(-1)!;
    assert.equal(notice.userId, b.matrix.botUserId);
    assert.equal(notice.content.body, "Not delivered to WhatsApp: it has been more than 24 hours since they last wrote; they must write first.");
    assert.deepEqual(notice.content["m.relates_to"], { "m.in_reply_to": { event_id: "$late" } });
    assert.equal(await b.store.messages.getByEventId("$late"), null);
  });

  it("refuses users without permission for the network, and content it cannot carry, with a notice", async () => {
    const b = await portalBridge({ networkPermissions: { "@boss:example.org": "user" } });
    await b.outbound.handle({ roomId: b.roomId, eventId: "$a", sender: "@alice:example.org", type: "m.room.message", content: { msgtype: "m.text", body: "hi" } });
    assert.match(b.matrix.notices(b.roomId).at(-1)!, /you are not allowed to use WhatsApp/);
    await b.outbound.handle({ roomId: b.roomId, eventId: "$b", sender: "@boss:example.org", type: "m.room.message", content: { msgtype: "m.image", body: "cat.png", url: "mxc://example.org/missing" } });
    assert.match(b.matrix.notices(b.roomId).at(-1)!, /Only the file's name reached WhatsApp: the file could not be taken from Matrix/);
    assert.deepEqual(b.whatsapp.sent.map((s) => s.message.content), [[{ t: "text", text: "[file: cat.png]" }]]);
  });

  it("leaves rooms that are not portals alone", async () => {
    const b = await bridge();
    assert.equal(await b.outbound.handle({ roomId: "!other:example.org", eventId: "$x", sender: "@alice:example.org", type: "m.room.message", content: { msgtype: "m.text", body: "hi" } }), false);
  });
});

describe("remote event intake", () => {
  it("stores events per chat, deduplicated by message id while they wait", async () => {
    const store = await memoryStore();
    let wakes = 0;
    const intake = new RemoteEventIntake(store.inbox, () => wakes++);
    await intake.accept(networkId("whatsapp"), [message("wamid.1", "a"), message("wamid.2", "b")]);
    await intake.accept(networkId("whatsapp"), [message("wamid.1", "a")]);
    const due = await store.inbox.listDue(Date.now(), 10);
    assert.deepEqual(due.map((i) => (i.payload as RemoteMessage).messageId), ["wamid.1", "wamid.2"]);
    assert.equal(new Set(due.map((i) => i.queueKey)).size, 1, "one queue per chat");
    assert.equal(wakes, 1, "nothing new, no wake-up");
  });
});
