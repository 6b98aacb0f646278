import { strict as assert } from "node:assert";
import { parseWhatsAppDelivery } from "../../../src/networks/whatsapp/webhook-parser";

const ctx = { appId: "", now: 1_700_000_000_000 };
const PHONE_ID = "106540352242922";
const PERSON = "16505551234";
const chat = { network: "whatsapp", chatId: PERSON, receiver: PHONE_ID };
const sender = { id: PERSON, name: "Sheena" };

function delivery(value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_ID }, ...value } }] }],
  };
}

/** The events of one message of `type` carrying `content` (plus extra message fields). */
function parseMessage(type: string, content: unknown, extra: Record<string, unknown> = {}) {
  const message = { from: PERSON, id: "wamid.M", timestamp: "1749416383", type, [type]: content, ...extra };
  return parseWhatsAppDelivery(delivery({ contacts: [{ profile: { name: "Sheena" }, wa_id: PERSON }], messages: [message] }), ctx);
}

const base = { kind: "message", chat, sender, messageId: "wamid.M", timestamp: 1749416383000 };

describe("WhatsApp webhook parser: rich messages", () => {
  it("reads an image's media id, MIME type and caption (WhatsApp markup), ignoring sha256 and the URL", () => {
    const { events } = parseMessage("image", { caption: "_two_ colours", mime_type: "image/jpeg", sha256: "b64==", id: "1044", url: "https://lookaside.fbsbx.com/x" });
    assert.deepEqual(events, [{ ...base, content: [{ t: "italic", children: [{ t: "text", text: "two" }] }, { t: "text", text: " colours" }], media: { kind: "image", ref: "1044", mimeType: "image/jpeg" } }]);
  });

  it("reads video, voice notes, documents with their file name, and stickers; a reply context too", () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ["video", { mime_type: "video/mp4", sha256: "x", id: "1" }, { kind: "video", ref: "1", mimeType: "video/mp4" }],
      ["audio", { mime_type: "audio/ogg; codecs=opus", sha256: "x", id: "2", voice: true }, { kind: "audio", ref: "2", mimeType: "audio/ogg; codecs=opus", voice: true }],
      ["audio", { mime_type: "audio/mpeg", sha256: "x", id: "3", voice: false }, { kind: "audio", ref: "3", mimeType: "audio/mpeg" }],
      ["document", { filename: "Q.pdf", mime_type: "application/pdf", sha256: "x", id: "4" }, { kind: "file", ref: "4", mimeType: "application/pdf", fileName: "Q.pdf" }],
      ["sticker", { mime_type: "image/webp", sha256: "x", id: "5", animated: true }, { kind: "sticker", ref: "5", mimeType: "image/webp" }],
    ];
    for (const [type, content, media] of cases) {
      const { events } = parseMessage(type, content, { context: { from: "15550783881", id: "wamid.Q" } });
      assert.deepEqual(events, [{ ...base, content: [], media, replyToMessageId: "wamid.Q" }], type);
    }
  });

  it("reads a location (numbers or decimal strings) and refuses unusable coordinates as unsupported", () => {
    assert.deepEqual(parseMessage("location", { latitude: 37.44, longitude: -122.16, name: "Philz", address: "101 Forest Ave", url: "https://philz.example" }).events, [
      { ...base, content: [], location: { latitude: 37.44, longitude: -122.16, name: "Philz", address: "101 Forest Ave" } },
    ]);
    assert.deepEqual(parseMessage("location", { latitude: "37.44", longitude: "-122.16" }).events, [{ ...base, content: [], location: { latitude: 37.44, longitude: -122.16 } }]);
    assert.deepEqual(parseMessage("location", { latitude: 137, longitude: 0 }).events, [{ ...base, content: [], unsupported: "a location without usable coordinates" }]);
  });

  it("reads contacts as named vCards", () => {
    const { events } = parseMessage("contacts", [{ name: { formatted_name: "Ana" }, phones: [{ phone: "+1 555", type: "CELL" }] }, { name: { first_name: "Bo" } }]);
    assert.deepEqual(events, [
      {
        ...base,
        content: [],
        contacts: [
          { name: "Ana", vcard: "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Ana\r\nTEL;TYPE=CELL:+1 555\r\nEND:VCARD\r\n" },
          { name: "Bo", vcard: "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Bo;;;\r\nFN:Bo\r\nEND:VCARD\r\n" },
        ],
      },
    ]);
  });

  it("reads a reaction as a RemoteReaction (its own wamid is the event id) and a missing or empty emoji as taking it back", () => {
    const reaction = (content: Record<string, unknown>) => parseMessage("reaction", content).events;
    const expected = { kind: "reaction", chat, sender, targetMessageId: "wamid.T", timestamp: 1749416383000, eventId: "wamid.M" };
    assert.deepEqual(reaction({ message_id: "wamid.T", emoji: "\ud83d\ude00" }), [{ ...expected, emoji: "\ud83d\ude00" }]);
    assert.deepEqual(reaction({ message_id: "wamid.T" }), [expected]);
    assert.deepEqual(reaction({ message_id: "wamid.T", emoji: "" }), [expected]);
    assert.deepEqual(parseMessage("reaction", { emoji: "x" }).skipped.map((s) => s.reason), ["reaction without a message id"]);
  });

  it("reads button and list replies as their title, and says what it cannot show", () => {
    assert.deepEqual(parseMessage("interactive", { type: "button_reply", button_reply: { id: "b1", title: "Yes please" } }).events, [{ ...base, content: [{ t: "text", text: "Yes please" }] }]);
    assert.deepEqual(parseMessage("interactive", { type: "list_reply", list_reply: { id: "r", title: "Large", description: "XL" } }).events, [{ ...base, content: [{ t: "text", text: "Large" }] }]);
    assert.deepEqual(parseMessage("button", { payload: "P", text: "Stop promotions" }).events, [{ ...base, content: [{ t: "text", text: "Stop promotions" }] }]);
    const unsupported = (type: string, content: unknown, extra?: Record<string, unknown>) => {
      const [event] = parseMessage(type, content, extra).events;
      return event?.kind === "message" ? event.unsupported : event;
    };
    assert.equal(unsupported("interactive", { type: "nfm_reply", nfm_reply: {} }), "a WhatsApp Flow response");
    assert.equal(unsupported("unsupported", { type: "poll_update" }, { errors: [{ code: 131051 }] }), "a vote in a poll that WhatsApp does not pass on to the bridge");
    assert.equal(unsupported("unsupported", { type: "brand_new" }), 'a message of type "brand_new" that WhatsApp does not pass on to the bridge');
    assert.equal(unsupported("unsupported", undefined), "a kind of message that WhatsApp does not pass on to the bridge");
    assert.equal(unsupported("system", { body: "Sheena changed their number", type: "user_changed_number" }), 'a WhatsApp system message ("Sheena changed their number")');
    assert.equal(unsupported("order", { catalog_id: "1" }), 'a message of type "order" that the bridge does not know');
    assert.equal(unsupported("image", { mime_type: "image/jpeg" }), "an image that WhatsApp sent without its media id");
    assert.equal(unsupported("audio", undefined), "an audio message that WhatsApp sent without its media id");
  });

  it("turns delivered, read and failed statuses into receipts; sent, played and group statuses are skipped", () => {
    const status = (extra: Record<string, unknown>) => ({ id: "wamid.S", timestamp: "1750030073", recipient_id: PERSON, ...extra });
    const { events, skipped } = parseWhatsAppDelivery(
      delivery({
        statuses: [
          status({ status: "sent", pricing: { billable: false } }),
          status({ status: "delivered" }),
          status({ status: "read" }),
          status({ status: "played" }),
          status({
            status: "failed",
            errors: [{ code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "Message Undeliverable." } }],
          }),
          status({ status: "failed" }),
          status({ status: "read", recipient_type: "group", recipient_id: "120363042" }),
          { id: "wamid.B", status: "read", timestamp: "1750030073", recipient_user_id: "US.1349" },
        ],
      }),
      ctx,
    );
    const receipt = { kind: "receipt", chat, sender: { id: PERSON }, messageIds: ["wamid.S"], timestamp: 1750030073000 };
    assert.deepEqual(events, [
      { ...receipt, status: "delivered", eventId: "wamid.S:delivered" },
      { ...receipt, status: "read", eventId: "wamid.S:read" },
      { ...receipt, status: "failed", error: "Message undeliverable (131026): Message Undeliverable.", eventId: "wamid.S:failed" },
      { ...receipt, status: "failed", error: "WhatsApp reported the message as failed without saying why", eventId: "wamid.S:failed" },
      { ...receipt, chat: { ...chat, chatId: "US.1349" }, sender: { id: "US.1349" }, messageIds: ["wamid.B"], status: "read", eventId: "wamid.B:read" },
    ]);
    assert.deepEqual(skipped.map((s) => s.reason), ["status sent (not bridged)", "status played (not bridged)", "status of a group message"]);
  });
});
