import { strict as assert } from "node:assert";
import type { ChatKey, NetworkConnector } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { CASES, startHarness, type Harness } from "./harness";
import { asMessage } from "../../unit/networks/remote-events";

const wa = CASES.find((c) => c.network === "whatsapp")!;

describe("WhatsApp connector specifics against the Graph emulator", () => {
  let h: Harness;
  let connector: NetworkConnector;
  const chat: ChatKey = { network: "whatsapp", chatId: wa.person, receiver: wa.account };
  const envelope = (phoneNumberId: string, value: Record<string, unknown>) => ({
    object: "whatsapp_business_account",
    entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId }, ...value } }] }],
  });

  before(async () => {
    h = await startHarness();
    connector = h.connectors.get("whatsapp")!;
  });
  beforeEach(() => {
    h.sink.batches = [];
    h.emulator.clearSent();
  });

  it("reads WhatsApp markup into rich text", async () => {
    await h.emulator.inbound({ network: "whatsapp", accountId: wa.account, from: wa.person, text: "*Order 42* is _late_, ~sorry~\n> where is it?" });
    assert.deepEqual(asMessage(h.sink.events()[0]).content, [
      { t: "bold", children: [{ t: "text", text: "Order 42" }] },
      { t: "text", text: " is " },
      { t: "italic", children: [{ t: "text", text: "late" }] },
      { t: "text", text: ", " },
      { t: "strike", children: [{ t: "text", text: "sorry" }] },
      { t: "text", text: "\n" },
      { t: "quote", children: [{ t: "text", text: "where is it?" }] },
    ]);
  });

  it("sends formatting as WhatsApp markup, with the reply context of the quoted message", async () => {
    const { messageId } = await h.emulator.inbound({ network: "whatsapp", accountId: wa.account, from: wa.person, text: "question" });
    await connector.sendMessage(chat, {
      kind: "text",
      content: [{ t: "bold", children: [{ t: "text", text: "Answer" }] }, { t: "text", text: ": see " }, { t: "link", href: "https://example.org/faq", children: [{ t: "text", text: "the FAQ" }] }],
      replyToMessageId: messageId,
    });
    assert.deepEqual(h.emulator.sent({ network: "whatsapp", kind: "message" })[0]!.body, {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: wa.person,
      type: "text",
      text: { body: "*Answer*: see the FAQ (https://example.org/faq)", preview_url: false },
      context: { message_id: messageId },
    });
  });

  it("sends an emote in italics after '* '", async () => {
    await h.emulator.inbound({ network: "whatsapp", accountId: wa.account, from: wa.person, text: "hi" });
    await connector.sendMessage(chat, { kind: "emote", content: fromPlainText("waves") });
    assert.deepEqual((h.emulator.sent({ network: "whatsapp", kind: "message" })[0]!.body as { text: unknown }).text, { body: "_* waves_", preview_url: false });
  });

  it("splits a text over 4096 characters into several messages, ids in order", async () => {
    await h.emulator.inbound({ network: "whatsapp", accountId: wa.account, from: wa.person, text: "hi" });
    const first = "first paragraph ".repeat(200).trim();
    const second = "second paragraph ".repeat(100).trim();
    const result = await connector.sendMessage(chat, { kind: "text", content: fromPlainText(`${first}\n\n${second}`) });
    const sent = h.emulator.sent({ network: "whatsapp", kind: "message" });
    assert.deepEqual(sent.map((r) => (r.body as { text: { body: string } }).text.body), [first, second]);
    const ids = sent.map((r) => ((typeof r.response === "string" ? JSON.parse(r.response) : r.response) as { messages: { id: string }[] }).messages[0]!.id);
    assert.deepEqual(result.messageIds, ids);
  });

  it("keys a person who has only a BSUID on the BSUID", async () => {
    const payload = envelope(wa.account, {
      contacts: [{ profile: { name: "Uma" }, user_id: "US.13491208655302741918", country_code: "US" }],
      messages: [{ from_user_id: "US.13491208655302741918", id: "wamid.BSUID1", timestamp: "1767225600", type: "text", text: { body: "by username" } }],
    });
    assert.equal((await h.emulator.deliver("whatsapp", payload)).status, 200);
    assert.deepEqual(h.sink.events(), [
      {
        kind: "message",
        chat: { network: "whatsapp", chatId: "US.13491208655302741918", receiver: wa.account },
        sender: { id: "US.13491208655302741918", name: "Uma" },
        messageId: "wamid.BSUID1",
        timestamp: 1767225600000,
        content: [{ t: "text", text: "by username" }],
      },
    ]);
  });

  it("acknowledges sent statuses and messages for unconfigured numbers without bridging them", async () => {
    const statuses = envelope(wa.account, { statuses: [{ id: "wamid.X", status: "sent", timestamp: "1767225600", recipient_id: wa.person }] });
    assert.equal((await h.emulator.deliver("whatsapp", statuses)).status, 200);
    const elsewhere = envelope("999999999", {
      messages: [{ from: wa.person, id: "wamid.Y", timestamp: "1767225600", type: "text", text: { body: "x" } }],
      statuses: [{ id: "wamid.Z", status: "read", timestamp: "1767225600", recipient_id: wa.person }],
    });
    assert.equal((await h.emulator.deliver("whatsapp", elsewhere)).status, 200);
    assert.deepEqual(h.sink.batches, []);
  });

  it("describes people by their number", () => {
    assert.equal(connector.describeUser(wa.person), "+16505551234");
    assert.ok(connector.isValidUserId(wa.person));
  });
});
