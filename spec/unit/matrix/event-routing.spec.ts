import { strict as assert } from "node:assert";
import type { MatrixRoomEvent } from "../../../src/core/messages/outbound/matrix-room-event";
import type { RoomEvent } from "../../../src/matrix/appservice/transaction-body";
import type { BotClient } from "../../../src/matrix/bot/bot-client";
import { InviteHandler } from "../../../src/matrix/bot/invite-handler";
import { createCommands } from "../../../src/matrix/commands/create-commands";
import { EncryptedEvents } from "../../../src/matrix/events/encrypted-events";
import { MatrixEventHandler } from "../../../src/matrix/events/matrix-event-handler";
import { memoryStore } from "../../support/memory-store";

class FakeBot implements BotClient {
  readonly userId = "@switchboard:x";
  sent: { roomId: string; content: Record<string, unknown> }[] = [];
  async join() {}
  async leave() {}
  async send(roomId: string, content: Record<string, unknown>) {
    this.sent.push({ roomId, content });
    return `$bot${this.sent.length}`;
  }
  async joinedMemberCount() {
    return 2;
  }
}

async function handler() {
  const store = await memoryStore();
  const bot = new FakeBot();
  const portalEvents: MatrixRoomEvent[] = [];
  const observed: string[] = [];
  const encrypted = new EncryptedEvents(
    {
      decryptRoomEvent: async () => ({ type: "m.room.message", content: { msgtype: "m.text", body: "!sb version" } }),
      isMissingKey: () => false,
      requestRoomKey: async () => undefined,
    },
    1000,
  );
  const commands = createCommands("!sb", { version: "1.2.3", networks: () => [], pingHomeserver: async () => 1 });
  const subject = new MatrixEventHandler(bot, new InviteHandler(bot, store.managementRooms, { permissions: {}, domain: "x" }), store.managementRooms, commands, {
    commandPrefix: "!sb",
    permissions: {},
    domain: "x",
    isBridgeUser: (u) => u === bot.userId || u.startsWith("@whatsapp_"),
    portalEvent: async (e) => (portalEvents.push(e), true),
    encrypted,
    observeMembership: async (_roomId, userId, membership) => void observed.push(`member ${userId} ${membership}`),
    observeEncryption: async (roomId) => void observed.push(`encryption ${roomId}`),
    observeHistoryVisibility: async (_roomId, v) => void observed.push(`history ${v}`),
  });
  return { subject, bot, portalEvents, observed };
}

const ev = (type: string, content: Record<string, unknown>, extra: Partial<RoomEvent> = {}): RoomEvent => ({
  type, room_id: "!portal:x", sender: "@alice:x", event_id: `$${Math.random()}`, content, ...extra,
});

describe("routing the homeserver's events", () => {
  it("tells the encryption engine about memberships, encryption switched on, and history visibility", async () => {
    const { subject, observed } = await handler();
    await subject.handle(ev("m.room.member", { membership: "join" }, { state_key: "@bob:x" }));
    await subject.handle(ev("m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2" }, { state_key: "" }));
    await subject.handle(ev("m.room.history_visibility", { history_visibility: "joined" }, { state_key: "" }));
    assert.deepEqual(observed, ["member @bob:x join", "encryption !portal:x", "history joined"]);
  });

  it("hands users' messages, reactions, stickers and redactions in other rooms to the portals", async () => {
    const { subject, portalEvents } = await handler();
    await subject.handle(ev("m.room.message", { msgtype: "m.text", body: "hello" }));
    await subject.handle(ev("m.reaction", { "m.relates_to": { rel_type: "m.annotation", event_id: "$x", key: "👍" } }));
    await subject.handle(ev("m.room.redaction", {}, { redacts: "$x" }));
    await subject.handle(ev("m.room.redaction", { redacts: "$y" }));
    assert.deepEqual(portalEvents.map((e) => [e.type, e.redacts]), [["m.room.message", undefined], ["m.reaction", undefined], ["m.room.redaction", "$x"], ["m.room.redaction", "$y"]]);
  });

  it("never reads the bridge's own users (bot, ghosts): relays cannot loop", async () => {
    const { subject, portalEvents, bot } = await handler();
    await subject.handle(ev("m.room.message", { msgtype: "m.text", body: "relayed" }, { sender: "@whatsapp_1555:x" }));
    await subject.handle(ev("m.room.message", { msgtype: "m.notice", body: "notice" }, { sender: bot.userId }));
    assert.equal(portalEvents.length, 0);
  });

  it("decrypts an encrypted command and answers it", async () => {
    const { subject, bot } = await handler();
    await subject.handle(ev("m.room.encrypted", { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "…" }));
    assert.match(String(bot.sent.at(-1)?.content.body), /^Switchboard 1\.2\.3/);
  });
});
