import { strict as assert } from "node:assert";
import { parseWhatsAppDelivery } from "../../../src/networks/whatsapp/webhook-parser";
import { idOf } from "./remote-events";

const ctx = { appId: "555000111", now: 1_700_000_000_000 };

function change(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    field: "messages",
    value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId }, ...value },
  };
}

describe("WhatsApp webhook parser", () => {
  it("turns text messages of several entries and changes into RemoteMessages, in order", () => {
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "WABA1",
          changes: [
            change("106540352242922", {
              contacts: [
                { profile: { name: "Sheena Nelson" }, wa_id: "16505551234" },
                { profile: { name: "Kai" }, wa_id: "16505550000" },
              ],
              messages: [
                { from: "16505551234", id: "wamid.A", timestamp: "1749416383", type: "text", text: { body: "Does it come in *blue*?" } },
                { from: "16505550000", id: "wamid.B", timestamp: "1749416384", type: "text", text: { body: "yes" }, context: { from: "15550783881", id: "wamid.Q" } },
              ],
            }),
          ],
        },
        { id: "WABA2", changes: [change("2000002", { contacts: [{ profile: { name: "Lee" }, wa_id: "447700900123" }], messages: [{ from: "447700900123", id: "wamid.C", timestamp: "1749416390", type: "text", text: { body: "hi" } }] })] },
      ],
    };
    const { events } = parseWhatsAppDelivery(payload, ctx);
    assert.deepEqual(events, [
      {
        kind: "message",
        chat: { network: "whatsapp", chatId: "16505551234", receiver: "106540352242922" },
        sender: { id: "16505551234", name: "Sheena Nelson" },
        messageId: "wamid.A",
        timestamp: 1749416383000,
        content: [{ t: "text", text: "Does it come in " }, { t: "bold", children: [{ t: "text", text: "blue" }] }, { t: "text", text: "?" }],
      },
      {
        kind: "message",
        chat: { network: "whatsapp", chatId: "16505550000", receiver: "106540352242922" },
        sender: { id: "16505550000", name: "Kai" },
        messageId: "wamid.B",
        timestamp: 1749416384000,
        content: [{ t: "text", text: "yes" }],
        replyToMessageId: "wamid.Q",
      },
      {
        kind: "message",
        chat: { network: "whatsapp", chatId: "447700900123", receiver: "2000002" },
        sender: { id: "447700900123", name: "Lee" },
        messageId: "wamid.C",
        timestamp: 1749416390000,
        content: [{ t: "text", text: "hi" }],
      },
    ]);
  });

  it("keys the person on the BSUID when the phone number is absent, on the phone number when present", () => {
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "WABA1",
          changes: [
            change("106540352242922", {
              contacts: [
                { profile: { name: "Uma" }, user_id: "US.13491208655302741918", country_code: "US" },
                { profile: { name: "Pat" }, wa_id: "16505551234", user_id: "US.99" },
              ],
              messages: [
                { from_user_id: "US.13491208655302741918", id: "wamid.U", timestamp: "1749416383", type: "text", text: { body: "by username" } },
                { from: "16505551234", from_user_id: "US.99", id: "wamid.P", timestamp: "1749416384", type: "text", text: { body: "by phone" } },
              ],
            }),
          ],
        },
      ],
    };
    const { events } = parseWhatsAppDelivery(payload, ctx);
    assert.deepEqual(events.map((e) => [e.chat.chatId, e.sender]), [
      ["US.13491208655302741918", { id: "US.13491208655302741918", name: "Uma" }],
      ["16505551234", { id: "16505551234", name: "Pat" }],
    ]);
  });

  it("skips other fields, request_welcome and malformed items, and reads past unknown fields, without failing", () => {
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "WABA1",
          changes: [
            change("106540352242922", {
              contacts: [{ profile: { name: "Sheena" }, wa_id: "16505551234" }],
              messages: [
                { from: "16505551234", id: "wamid.W", timestamp: "1749416383", type: "request_welcome" },
                { id: "wamid.NOSENDER", timestamp: "1749416383", type: "text", text: { body: "who?" } },
                { from: "16505551234", id: "wamid.T", timestamp: "1749416383", type: "text", text: { body: "kept" }, brand_new_field: { x: 1 } },
              ],
              statuses: [{ status: "read", timestamp: "1750030073", recipient_id: "16505551234" }],
              errors: [{ code: 131000 }],
              brand_new_array: [1, 2],
            }),
            { field: "message_template_status_update", value: { event: "APPROVED" } },
            { field: "messages" },
            change("", {}),
            "garbage",
          ],
        },
        "not an entry",
      ],
    };
    const { events, skipped } = parseWhatsAppDelivery(payload, ctx);
    assert.deepEqual(events.map(idOf), ["wamid.T"]);
    assert.deepEqual(skipped.map((s) => s.reason), [
      "request_welcome (the person opened the chat)",
      "message without an id or a sender",
      "status without a message id or a recipient",
      "out-of-band errors",
      "change of field message_template_status_update",
      "change of field messages",
      "change without metadata.phone_number_id",
    ]);
  });

  it("treats a delivery without entries as empty, and a timestamp it cannot read as now", () => {
    assert.deepEqual(parseWhatsAppDelivery({ object: "whatsapp_business_account" }, ctx), { events: [], skipped: [] });
    const { events } = parseWhatsAppDelivery(
      { object: "whatsapp_business_account", entry: [{ id: "W", changes: [change("1", { messages: [{ from: "16505551234", id: "wamid.Z", type: "text", text: { body: "x" } }] })] }] },
      ctx,
    );
    assert.equal(events[0]!.timestamp, ctx.now);
    assert.deepEqual(events[0]!.sender, { id: "16505551234" });
  });
});
