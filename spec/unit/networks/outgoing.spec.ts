import { strict as assert } from "node:assert";
import type { ChatKey, OutgoingMessage } from "../../../src/core/networks/connector";
import { fromPlainText, type RichText } from "../../../src/core/formatting/rich-text";
import { instagramDescriptor } from "../../../src/networks/instagram/descriptor";
import { messengerDescriptor } from "../../../src/networks/messenger/descriptor";
import { whatsappDescriptor } from "../../../src/networks/whatsapp/descriptor";

const rich: RichText = [{ t: "bold", children: [{ t: "text", text: "Hi" }] }, { t: "text", text: " see " }, { t: "link", href: "https://example.org", children: [{ t: "text", text: "this" }] }];
const text = (content: RichText, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({ kind: "text", content, ...extra });

describe("outgoing requests", () => {
  const wa: ChatKey = { network: "whatsapp", chatId: "16505551234", receiver: "106540352242922" };
  const fb: ChatKey = { network: "messenger", chatId: "6543210987654321", receiver: "1122334455" };
  const ig: ChatKey = { network: "instagram", chatId: "1234567890123456", receiver: "17841400000000001" };

  it("WhatsApp: the documented text body with markup, and the reply context", () => {
    assert.deepEqual(whatsappDescriptor.outgoingRequests(wa, text(rich, { replyToMessageId: "wamid.Q" })), [
      {
        path: "106540352242922/messages",
        body: {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: "16505551234",
          type: "text",
          text: { body: "*Hi* see this (https://example.org)", preview_url: false },
          context: { message_id: "wamid.Q" },
        },
      },
    ]);
  });

  it("WhatsApp: an emote is italic with a leading '* ', a notice is plain text", () => {
    const [emote] = whatsappDescriptor.outgoingRequests(wa, { kind: "emote", content: fromPlainText("waves") });
    assert.deepEqual(emote!.body.text, { body: "_* waves_", preview_url: false });
    const [notice] = whatsappDescriptor.outgoingRequests(wa, { kind: "notice", content: fromPlainText("note") });
    assert.deepEqual(notice!.body.text, { body: "note", preview_url: false });
  });

  it("WhatsApp: splits over 4096 characters, the reply context only on the first part", () => {
    const long = "para one ".repeat(300).trim() + "\n\n" + "para two ".repeat(300).trim();
    const requests = whatsappDescriptor.outgoingRequests(wa, text(fromPlainText(long), { replyToMessageId: "wamid.Q" }));
    assert.equal(requests.length, 2);
    const bodies = requests.map((r) => (r.body.text as { body: string }).body);
    assert.deepEqual(bodies, ["para one ".repeat(300).trim(), "para two ".repeat(300).trim()]);
    assert.deepEqual(requests[0]!.body.context, { message_id: "wamid.Q" });
    assert.equal("context" in requests[1]!.body, false);
  });

  it("Messenger: RESPONSE with plain text, split over 2000 characters", () => {
    assert.deepEqual(messengerDescriptor.outgoingRequests(fb, text(rich, { replyToMessageId: "m_1" })), [
      { path: "1122334455/messages", body: { recipient: { id: "6543210987654321" }, messaging_type: "RESPONSE", message: { text: "Hi see this (https://example.org)" } } },
    ]);
    const parts = messengerDescriptor.outgoingRequests(fb, text(fromPlainText("word ".repeat(700))));
    assert.equal(parts.length, 2);
    assert.ok(parts.every((p) => ((p.body.message as { text: string }).text.length <= 2000)));
    const [emote] = messengerDescriptor.outgoingRequests(fb, { kind: "emote", content: fromPlainText("waves") });
    assert.deepEqual(emote!.body.message, { text: "* waves" });
  });

  it("Instagram: recipient and text only, split over 1000 UTF-8 bytes", () => {
    assert.deepEqual(instagramDescriptor.outgoingRequests(ig, text(fromPlainText("hello"))), [
      { path: "17841400000000001/messages", body: { recipient: { id: "1234567890123456" }, message: { text: "hello" } } },
    ]);
    const emoji = "😀 ".repeat(300); // 1800 bytes, 900 UTF-16 units
    const parts = instagramDescriptor.outgoingRequests(ig, text(fromPlainText(emoji)));
    assert.equal(parts.length, 2);
    assert.ok(parts.every((p) => Buffer.byteLength((p.body.message as { text: string }).text) <= 1000));
  });

  it("reads the message id of each product's answer", () => {
    assert.equal(whatsappDescriptor.sentMessageId({ messaging_product: "whatsapp", contacts: [{ input: "1", wa_id: "1" }], messages: [{ id: "wamid.X", message_status: "accepted" }] }), "wamid.X");
    assert.equal(messengerDescriptor.sentMessageId({ recipient_id: "1", message_id: "m_X" }), "m_X");
    assert.equal(instagramDescriptor.sentMessageId({ recipient_id: "1", message_id: "aWd" }), "aWd");
    assert.equal(whatsappDescriptor.sentMessageId({}), undefined);
  });

  it("validates and describes user ids", () => {
    assert.ok(whatsappDescriptor.userIdPattern.test("16505551234"));
    assert.ok(whatsappDescriptor.userIdPattern.test("US.13491208655302741918"));
    assert.ok(whatsappDescriptor.userIdPattern.test("US.ENT.1349120865"));
    for (const bad of ["+16505551234", "0123456", "123", "US.", "us.123", "16505551234 "]) assert.ok(!whatsappDescriptor.userIdPattern.test(bad), bad);
    assert.equal(whatsappDescriptor.describeUser("16505551234"), "+16505551234");
    assert.equal(whatsappDescriptor.describeUser("US.13491208655302741918"), "US.13491208655302741918");
    assert.ok(messengerDescriptor.userIdPattern.test("6543210987654321"));
    assert.ok(!instagramDescriptor.userIdPattern.test("abc"));
  });
});
