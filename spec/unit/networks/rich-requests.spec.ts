import { strict as assert } from "node:assert";
import type { ChatKey, OutgoingMedia } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { instagramDescriptor } from "../../../src/networks/instagram/descriptor";
import { INSTAGRAM_SEND_API } from "../../../src/networks/instagram/send-api";
import { attachmentByUrl, attachmentUploadParts, reactionRequest, senderActionRequest } from "../../../src/networks/meta/messaging/send-api-requests";
import { MESSENGER_SEND_API } from "../../../src/networks/messenger/send-api";
import {
  whatsappLocationRequest,
  whatsappMediaRequest,
  whatsappReactionRequest,
  whatsappReadRequest,
  whatsappTypingRequest,
  whatsappUploadParts,
} from "../../../src/networks/whatsapp/rich-requests";

const wa: ChatKey = { network: "whatsapp", chatId: "16505551234", receiver: "106540352242922" };
const fb: ChatKey = { network: "messenger", chatId: "6543210987654321", receiver: "1122334455" };
const ig: ChatKey = { network: "instagram", chatId: "1234567890123456", receiver: "17841400000000001" };
const file: OutgoingMedia = { kind: "sticker", data: Buffer.from("RIFF"), mimeType: "image/webp", fileName: "s.webp" };
const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: wa.chatId };

describe("rich outgoing requests", () => {
  it("WhatsApp: upload parts, media by id (caption, document file name, reply), reaction, location, read and typing", () => {
    assert.deepEqual(whatsappUploadParts(file), [
      { name: "messaging_product", value: "whatsapp" },
      { name: "type", value: "image/webp" },
      { name: "file", fileName: "s.webp", contentType: "image/webp", data: file.data },
    ]);
    assert.deepEqual(whatsappMediaRequest(wa, "document", "77", { caption: "c", fileName: "a.pdf", replyTo: "wamid.Q" }), {
      path: "106540352242922/messages",
      body: { ...envelope, type: "document", document: { id: "77", caption: "c", filename: "a.pdf" }, context: { message_id: "wamid.Q" } },
    });
    assert.deepEqual(whatsappMediaRequest(wa, "image", "78", { fileName: "a.png" }).body, { ...envelope, type: "image", image: { id: "78" } });
    assert.deepEqual(whatsappReactionRequest(wa, "wamid.T", null).body, { ...envelope, type: "reaction", reaction: { message_id: "wamid.T", emoji: "" } });
    assert.deepEqual(whatsappLocationRequest(wa, { latitude: -33.5, longitude: 151 }).body, { ...envelope, type: "location", location: { latitude: "-33.5", longitude: "151" } });
    assert.deepEqual(whatsappReadRequest(wa, "wamid.R").body, { messaging_product: "whatsapp", status: "read", message_id: "wamid.R" });
    assert.deepEqual(whatsappTypingRequest(wa, "wamid.R").body, { messaging_product: "whatsapp", status: "read", message_id: "wamid.R", typing_indicator: { type: "text" } });
  });

  it("Messenger: filedata upload parts (a sticker goes as an image), react/unreact, sender actions; never a reply field", () => {
    assert.deepEqual(attachmentUploadParts(fb, MESSENGER_SEND_API, file), [
      { name: "recipient", value: '{"id":"6543210987654321"}' },
      { name: "messaging_type", value: "RESPONSE" },
      { name: "message", value: '{"attachment":{"type":"image","payload":{"is_reusable":false}}}' },
      { name: "filedata", fileName: "s.webp", contentType: "image/webp", data: file.data },
    ]);
    assert.deepEqual(attachmentByUrl(fb, MESSENGER_SEND_API, { ...file, kind: "video" }, "https://x/v.mp4", "m_Q").body, {
      recipient: { id: fb.chatId },
      messaging_type: "RESPONSE",
      message: { attachment: { type: "video", payload: { url: "https://x/v.mp4" } } },
    });
    assert.deepEqual(reactionRequest(fb, "m_1", "\ud83d\ude02").body, { recipient: { id: fb.chatId }, sender_action: "react", payload: { message_id: "m_1", reaction: "\ud83d\ude02" } });
    assert.deepEqual(reactionRequest(fb, "m_1", null).body, { recipient: { id: fb.chatId }, sender_action: "unreact", payload: { message_id: "m_1" } });
    assert.deepEqual(senderActionRequest(fb, "mark_seen"), { path: "1122334455/messages", body: { recipient: { id: fb.chatId }, sender_action: "mark_seen" } });
  });

  it("Instagram: attachments by URL with reply_to, text replies on the first part only (the part suffix dropped), and the request without its reply", () => {
    assert.deepEqual(attachmentByUrl(ig, INSTAGRAM_SEND_API, { ...file, kind: "file" }, "https://x/a.pdf", "aWdfQ").body, {
      recipient: { id: ig.chatId },
      message: { attachment: { type: "file", payload: { url: "https://x/a.pdf" } } },
      reply_to: { mid: "aWdfQ" },
    });
    const requests = instagramDescriptor.outgoingRequests(ig, { kind: "text", content: fromPlainText("a".repeat(900) + " " + "b".repeat(900)), replyToMessageId: "aWdfQ#2" });
    assert.deepEqual(requests.map((r) => r.body.reply_to), [{ mid: "aWdfQ" }, undefined]);
    assert.deepEqual(instagramDescriptor.withoutReply!(requests[0]!), { path: requests[0]!.path, body: { recipient: { id: ig.chatId }, message: { text: "a".repeat(900) } } });
    assert.equal(instagramDescriptor.withoutReply!(requests[1]!), undefined);
  });
});
