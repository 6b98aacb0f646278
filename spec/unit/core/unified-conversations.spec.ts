import { strict as assert } from "node:assert";
import { attribute } from "../../../src/core/conversations/attribution";
import { ConversationControls } from "../../../src/core/conversations/controls";
import { GroupRooms } from "../../../src/core/conversations/group-rooms";
import { IdentityLinks } from "../../../src/core/conversations/identity-links";
import { LinkSuggestions } from "../../../src/core/conversations/link-suggestions";
import { RoomStatus } from "../../../src/core/conversations/room-status";
import { TemplateSender } from "../../../src/core/conversations/template-sender";
import { GhostService } from "../../../src/core/ghosts/ghost-service";
import { OutboundRelay } from "../../../src/core/messages/outbound/outbound-relay";
import { RemoteMessageHandler, type RelayHook } from "../../../src/core/messages/remote-message-handler";
import { RemoteUpdates } from "../../../src/core/messages/remote-updates";
import type { RemoteMessage } from "../../../src/core/networks/connector";
import { NetworkError } from "../../../src/core/networks/network-error";
import { NetworkRegistry } from "../../../src/core/networks/registry";
import { PortalService } from "../../../src/core/portals/portal-service";
import { FakeConnector, fakeEntry } from "../../support/fakes/fake-connector";
import { FakeMatrix } from "../../support/fakes/fake-matrix";
import { memoryStore } from "../../support/memory-store";

const H = 60 * 60 * 1000;
const WA = { network: "whatsapp", chatId: "15550001111", receiver: "100" };
const FB = { network: "messenger", chatId: "7000000000000001", receiver: "100" };

async function bridge() {
  let now = Date.now();
  const clock = () => now;
  const store = await memoryStore();
  const matrix = new FakeMatrix();
  const wa = new FakeConnector("whatsapp", "WhatsApp");
  const fb = new FakeConnector("messenger", "Messenger");
  fb.templates = [];
  const networks = new NetworkRegistry([fakeEntry(wa, "whatsapp_", "{name} (WhatsApp)"), fakeEntry(fb, "messenger_", "{name} (Messenger)")]);
  const ghosts = new GhostService(store.ghosts, networks, matrix);
  const holder: { links?: IdentityLinks } = {};
  const portals = new PortalService(store.portals, matrix, { inviteTargets: () => ["@alice:example.org"], encryptByDefault: false, contactRoomFor: (chat) => holder.links!.contactRoomFor(chat) });
  const links = new IdentityLinks(store.persons, store.bridgedRooms, store.portals, portals, ghosts, networks, matrix);
  holder.links = links;
  const permissions = { globalPermissions: { "example.org": "admin" as const }, networkPermissions: () => ({}) };
  const outbound = new OutboundRelay(networks, portals, store.bridgedRooms, store.messages, matrix, store.reactions, { ...permissions, now: clock });
  const relay: RelayHook = async (chat, event, person) => {
    const source = await store.portals.get(chat);
    if (source) await outbound.relayFromNetwork(source, event, (body) => attribute("{displayname} ({network}): {body}", { displayname: person.name, network: person.networkLabel, id: person.remoteId }, body));
  };
  const suggestions = new LinkSuggestions(30 * 60 * 1000, clock);
  const inbound = new RemoteMessageHandler(networks, ghosts, portals, store.messages, matrix, { relay, suggestions });
  const updates = new RemoteUpdates(networks, ghosts, store.messages, store.reactions, matrix, relay);
  const status = new RoomStatus(portals, store.bridgedRooms, networks, clock);
  const controls = new ConversationControls(networks, links, new GroupRooms(store.portals, portals, store.bridgedRooms, ghosts, networks, matrix), status, new TemplateSender(status, networks, store.messages, matrix));
  let n = 0;
  const say = (chat: typeof WA, name: string, text: string, extra: Partial<RemoteMessage> = {}) =>
    inbound.handle({ kind: "message", chat, sender: { id: chat.chatId, name }, messageId: `m${++n}`, timestamp: now, content: [{ t: "text", text }], ...extra });
  const userSays = (roomId: string, text: string, extra: Record<string, unknown> = {}) =>
    outbound.handle({ roomId, eventId: `$u${++n}`, sender: "@alice:example.org", type: "m.room.message", content: { msgtype: "m.text", body: text, ...extra } });
  const roomOf = async (chat: typeof WA) => (await store.portals.get(chat))!.roomId!;
  return { store, matrix, wa, fb, inbound, updates, controls, say, userSays, roomOf, advance: (ms: number) => (now += ms), lastEvent: () => matrix.sent.at(-1)! };
}

describe("identity links: one person, one room", () => {
  it("merges a person's chats into the first chat's room, tombstoning the other", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "hi on WhatsApp");
    await b.say(FB, "Bob", "hi on Messenger");
    const [waRoom, fbRoom] = [await b.roomOf(WA), await b.roomOf(FB)];
    assert.notEqual(waRoom, fbRoom);
    const answer = await b.controls.link(waRoom, ["messenger:7000000000000001"], "@admin:example.org");
    assert.match(answer, /^Linked whatsapp:15550001111 and messenger:7000000000000001 as one person\. Their chats are now in one room/);
    assert.equal(await b.roomOf(FB), waRoom, "the Messenger chat moved into the WhatsApp chat's room");
    assert.deepEqual(b.matrix.tombstones.map((t) => [t.roomId, t.replacement]), [[fbRoom, waRoom]]);
    assert.ok(b.matrix.ghostsInRooms.get(waRoom)!.has("@messenger_7000000000000001:example.org"));
    assert.match(b.matrix.notices(fbRoom).join("\n"), /continues in the person's contact room/);
    await b.say(FB, "Bob", "again on Messenger");
    assert.equal(b.lastEvent().roomId, waRoom);
    assert.equal(b.lastEvent().userId, "@messenger_7000000000000001:example.org", "each network keeps its own ghost");
    assert.match(await b.controls.whois(waRoom, []), /One person with 2 identities/);
  });

  it("opens a linked identity's first chat in the contact room", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "hi");
    const room = await b.roomOf(WA);
    await b.controls.link(room, ["messenger:7000000000000001"], "@admin:example.org");
    await b.say(FB, "Bob", "first time on Messenger");
    assert.equal(await b.roomOf(FB), room);
    assert.equal(b.matrix.rooms.length, 1, "no new room");
  });

  it("sends replies on the network the person last wrote from while it can deliver, else tells why", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "on WhatsApp");
    b.advance(1 * H);
    await b.say(FB, "Bob", "later on Messenger");
    const room = await b.roomOf(WA);
    await b.controls.link(room, ["messenger:7000000000000001"], "@admin:example.org");
    await b.userSays(room, "answer 1");
    assert.deepEqual([b.wa.sent.length, b.fb.sent.length], [0, 1]);
    b.advance(23.5 * H); // Messenger's window (opened 1 h later) is still open, WhatsApp's closed
    await b.userSays(room, "answer 2");
    assert.deepEqual([b.wa.sent.length, b.fb.sent.length], [0, 2]);
    b.advance(1 * H); // both closed now
    await b.userSays(room, "answer 3");
    assert.deepEqual([b.wa.sent.length, b.fb.sent.length], [0, 2]);
    assert.match(b.matrix.notices(room).at(-1)!, /^Not delivered: no network can reach this person now\.\nMessenger: closed for 30 min; outside it: a template\nWhatsApp: closed for 2 h; outside it: a template$/);
    await b.say(WA, "Bob", "back on WhatsApp");
    await b.userSays(room, "answer 4");
    assert.equal(b.wa.sent.length, 1);
  });

  it("takes the network's word on its window: a refusal passes the message to the next network", async () => {
    const b = await bridge();
    await b.say(FB, "Bob", "on Messenger");
    b.advance(1 * H);
    await b.say(WA, "Bob", "later on WhatsApp");
    await b.controls.link(await b.roomOf(WA), ["messenger:7000000000000001"], "@admin:example.org");
    const room = await b.roomOf(WA);
    assert.equal(room, await b.roomOf(FB), "merged into the Messenger chat's room, the older one");
    b.wa.nextError = new NetworkError("window-closed", "outside the window", "131047");
    await b.userSays(room, "answer");
    assert.deepEqual([b.wa.sent.length, b.fb.sent.length], [0, 1], "WhatsApp refused; Messenger took it");
    assert.equal(b.matrix.notices(room).filter((n) => n.startsWith("Not delivered")).length, 0);
  });

  it("lets `via` choose the network, and answers a reply on the replied message's network", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "on WhatsApp");
    await b.say(FB, "Bob", "on Messenger");
    const room = await b.roomOf(WA);
    await b.controls.link(room, ["messenger:7000000000000001"], "@admin:example.org");
    assert.match(await b.controls.via(room, ["whatsapp"]), /now go out on whatsapp/);
    await b.userSays(room, "chosen");
    assert.equal(b.wa.sent.length, 1);
    await b.controls.via(room, ["auto"]);
    const waMessage = (await b.store.messages.get({ network: "whatsapp", remoteId: "m1", partId: "" }))!;
    await b.userSays(room, "reply", { "m.relates_to": { "m.in_reply_to": { event_id: waMessage.eventId } } });
    assert.equal(b.wa.sent.at(-1)!.message.replyToMessageId, "m1");
    assert.match(await b.controls.roomStatus(room), /Replies go out on: messenger/);
  });

  it("unlinks: the identity's next message opens a room of its own", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "a");
    await b.say(FB, "Bob", "b");
    const room = await b.roomOf(WA);
    await b.controls.link(room, ["messenger:7000000000000001"], "@admin:example.org");
    assert.equal(await b.controls.unlink(room, ["messenger:7000000000000001"]), "Unlinked messenger:7000000000000001.");
    await b.say(FB, "Bob", "c");
    assert.notEqual(await b.roomOf(FB), room);
    assert.match(await b.controls.whois(room, ["whatsapp:15550001111"]), /not linked/);
  });

  it("suggests a link when the same name writes on two networks, and never links by itself", async () => {
    const b = await bridge();
    await b.say(WA, "Bob Smith", "hi");
    await b.say(FB, "Bob Smith", "hi");
    const fbRoom = await b.roomOf(FB);
    assert.match(b.matrix.notices(fbRoom).at(-1)!, /also wrote on whatsapp a moment ago.*link whatsapp:15550001111/);
    assert.notEqual(await b.roomOf(WA), fbRoom);
  });
});

describe("rooms that join people on different networks", () => {
  it("relays a person's message to the other network with attribution, and the reply back", async () => {
    const b = await bridge();
    await b.say(WA, "Wanda", "hello");
    const room = await b.roomOf(WA);
    assert.match(await b.controls.bridge(room, ["messenger", "7000000000000001"]), /^Bridged Messenger chat/);
    await b.say(FB, "Max", "hi from Messenger");
    assert.deepEqual(b.wa.sent.at(-1)!.message.content.map((n) => ("text" in n ? n.text : "")).join(""), "Max (Messenger): hi from Messenger");
    await b.say(WA, "Wanda", "hi Max");
    assert.equal(b.fb.sent.at(-1)!.message.content.map((n) => ("text" in n ? n.text : "")).join(""), "Wanda (WhatsApp): hi Max");
    // the relayed copies are in the message map, one per network, and never come back into Matrix
    const event = (await b.store.messages.get({ network: "whatsapp", remoteId: "m3", partId: "" }))!.eventId;
    assert.deepEqual((await b.store.messages.listByEventId(event)).map((m) => m.network).sort(), ["messenger", "whatsapp"]);
    assert.equal(b.matrix.sent.filter((e) => e.content.body === "hi Max").length, 1);
    // loop prevention: a relay never goes back to the network it came from
    const texts = (c: FakeConnector) => c.sent.map((x) => x.message.content.map((n) => ("text" in n ? n.text : "")).join(""));
    assert.ok(!texts(b.wa).some((t) => t.includes("hi Max")), "WhatsApp never gets Wanda's own words back");
    assert.ok(!texts(b.fb).some((t) => t.includes("hi from Messenger")), "Messenger never gets Max's own words back");
  });

  it("relays reactions where both sides take them, and falls back to words where one cannot", async () => {
    const b = await bridge();
    await b.say(WA, "Wanda", "hello");
    const room = await b.roomOf(WA);
    await b.controls.bridge(room, ["messenger", "7000000000000001"]);
    await b.say(FB, "Max", "a message");
    const relayedId = b.wa.sent.at(-1) ? "whatsapp-out-1" : "";
    await b.updates.reaction({ kind: "reaction", chat: WA, sender: { id: WA.chatId }, targetMessageId: relayedId, emoji: "👍", timestamp: Date.now(), eventId: "r1" });
    assert.deepEqual(b.fb.reactions.at(-1), { chat: FB, target: "m2", emoji: "👍" });
    (b.fb as unknown as { sendReaction?: unknown }).sendReaction = undefined;
    await b.updates.reaction({ kind: "reaction", chat: WA, sender: { id: WA.chatId }, targetMessageId: relayedId, emoji: "🎉", timestamp: Date.now(), eventId: "r2" });
    assert.equal(b.fb.sent.at(-1)!.message.content.map((n) => ("text" in n ? n.text : "")).join(""), "Wanda (WhatsApp): reacted 🎉");
  });

  it("refuses to bridge into a contact room, or a chat bridged elsewhere", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "a");
    const room = await b.roomOf(WA);
    await b.controls.link(room, ["messenger:7000000000000001"], "@admin:example.org");
    assert.match(await b.controls.bridge(room, ["messenger", "7000000000000002"]), /contact room/);
    assert.match(await b.controls.bridge("!other:example.org", ["whatsapp", "15550001111"]), /bridged to another room/);
  });
});

describe("messaging windows and templates", () => {
  it("does not send free-form text after the window closed; says what to do; a template still goes", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "hi");
    const room = await b.roomOf(WA);
    b.advance(25 * H);
    await b.userSays(room, "too late");
    assert.equal(b.wa.sent.length, 0);
    assert.match(b.matrix.notices(room).at(-1)!, /^Not delivered to WhatsApp: the person last wrote too long ago \(their messaging window is closed for 1 h\)\. Outside it WhatsApp allows a template\.$/);
    assert.match(await b.controls.listTemplates(room), /`hello en_US` \(UTILITY, 1 parameter\(s\)\): Hello \{\{1\}\}!/);
    assert.equal(await b.controls.sendTemplate(room, ["hello", "en_US", "Bob"]), "");
    assert.deepEqual(b.wa.sentTemplates[0]!.template, { name: "hello", language: "en_US", parameters: ["Bob"] });
    assert.equal(b.matrix.notices(room).at(-1), "Sent template hello (en_US); they will read:\nHello Bob!");
    assert.match(await b.controls.sendTemplate(room, ["hello", "en_US"]), /takes 1 parameter/);
  });

  it("shows the window in the room's state when it opens again, and in `status`", async () => {
    const b = await bridge();
    await b.say(WA, "Bob", "hi");
    const room = await b.roomOf(WA);
    const states = () => b.matrix.state.filter((s) => s.type === "net.switchboard.window");
    assert.equal(states().length, 1);
    await b.say(WA, "Bob", "again");
    assert.equal(states().length, 1, "no refresh while it stays open");
    b.advance(30 * H);
    await b.say(WA, "Bob", "back");
    assert.equal(states().length, 2);
    assert.match(await b.controls.roomStatus(room), /\*\*WhatsApp\*\* #15550001111 through account 100: messaging window open for another 24 h/);
  });
});
