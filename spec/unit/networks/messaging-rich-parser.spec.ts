import { strict as assert } from "node:assert";
import { instagramDescriptor } from "../../../src/networks/instagram/descriptor";
import { messengerDescriptor } from "../../../src/networks/messenger/descriptor";

const ctx = { appId: "555000111", now: 1_700_000_000_000 };
const PAGE = "1122334455";
const PSID = "6543210987654321";
const IG = "17841400000000001";
const IGSID = "1234567890123456";

function page(...messaging: Record<string, unknown>[]) {
  return messengerDescriptor.parseDelivery({ object: "page", entry: [{ id: PAGE, time: 1000, messaging }] }, ctx);
}

function instagram(...messaging: Record<string, unknown>[]) {
  return instagramDescriptor.parseDelivery({ object: "instagram", entry: [{ id: IG, time: 1000, messaging }] }, ctx);
}

const fromPerson = (extra: Record<string, unknown>, timestamp = 1458692752478) => ({ sender: { id: PSID }, recipient: { id: PAGE }, timestamp, ...extra });
const fromIgPerson = (extra: Record<string, unknown>, timestamp = 1569262485349) => ({ sender: { id: IGSID }, recipient: { id: IG }, timestamp, ...extra });
const fbChat = { chat: { network: "messenger", chatId: PSID, receiver: PAGE }, sender: { id: PSID } };
const igChat = { chat: { network: "instagram", chatId: IGSID, receiver: IG }, sender: { id: IGSID } };
const CDN = "https://scontent.xx.fbcdn.net/v/t1.15752-9/Report%20Q3.pdf?_nc_cat=1&oh=abc";

describe("Messenger and Instagram webhook parser: rich messages", () => {
  it("reads attachments as media by their CDN URL, with the file name in the URL's path", () => {
    const { events } = page(
      fromPerson({ message: { mid: "m_i", attachments: [{ type: "image", payload: { url: "https://cdn.example/i/123_n.jpg?x=1" } }] } }),
      fromPerson({ message: { mid: "m_v", attachments: [{ type: "video", payload: { url: "https://cdn.example/v" } }] } }),
      fromPerson({ message: { mid: "m_a", attachments: [{ type: "audio", payload: { url: "https://cdn.example/a/audioclip-1.mp4" } }] } }),
      fromPerson({ message: { mid: "m_f", attachments: [{ type: "file", payload: { url: CDN } }] } }),
    );
    const message = { kind: "message", ...fbChat, timestamp: 1458692752478, content: [] };
    assert.deepEqual(events, [
      { ...message, messageId: "m_i", media: { kind: "image", ref: "https://cdn.example/i/123_n.jpg?x=1", fileName: "123_n.jpg" } },
      { ...message, messageId: "m_v", media: { kind: "video", ref: "https://cdn.example/v" } },
      { ...message, messageId: "m_a", media: { kind: "audio", ref: "https://cdn.example/a/audioclip-1.mp4", fileName: "audioclip-1.mp4" } },
      { ...message, messageId: "m_f", media: { kind: "file", ref: CDN, fileName: "Report Q3.pdf" } },
    ]);
  });

  it("reads stickers (Messenger's sticker type, or an image with a sticker_id) without a file name, and only once when both come", () => {
    const { events } = page(
      fromPerson({ message: { mid: "m_s1", attachments: [{ type: "sticker", payload: { url: "https://cdn.example/s.png", sticker_id: 369239263222822 } }] } }),
      fromPerson({ message: { mid: "m_s2", attachments: [{ type: "image", payload: { url: "https://cdn.example/s.png", sticker_id: 369239263222822 } }] } }),
      fromPerson({
        message: {
          mid: "m_s3",
          attachments: [
            { type: "image", payload: { url: "https://cdn.example/legacy.png", sticker_id: 1 } },
            { type: "sticker", payload: { url: "https://cdn.example/new.png", sticker_id: 1 } },
          ],
        },
      }),
    );
    assert.deepEqual(events.map((e) => e.kind === "message" && [e.messageId, e.media]), [
      ["m_s1", { kind: "sticker", ref: "https://cdn.example/s.png" }],
      ["m_s2", { kind: "sticker", ref: "https://cdn.example/s.png" }],
      ["m_s3", { kind: "sticker", ref: "https://cdn.example/new.png" }],
    ]);
  });

  it("splits several attachments into one message each (ids <mid>, <mid>#2…), text and reply on the first; takes a single attachment object too", () => {
    const { events } = instagram(
      fromIgPerson({
        message: {
          mid: "aWdfA",
          text: "look",
          reply_to: { mid: "aWdfQ" },
          attachments: [
            { type: "image", payload: { url: "https://cdn.example/1.jpg" } },
            { type: "image", payload: { url: "https://cdn.example/2.jpg" } },
            { type: "ig_reel", payload: { url: "https://instagram.example/reel/9", title: "a reel" } },
          ],
        },
      }),
      fromIgPerson({ message: { mid: "aWdfB", attachments: { type: "audio", payload: { url: "https://cdn.example/v.mp4" } } } }),
    );
    const message = { kind: "message", ...igChat, timestamp: 1569262485349 };
    assert.deepEqual(events, [
      { ...message, messageId: "aWdfA", content: [{ t: "text", text: "look" }], replyToMessageId: "aWdfQ", media: { kind: "image", ref: "https://cdn.example/1.jpg", fileName: "1.jpg" } },
      { ...message, messageId: "aWdfA#2", content: [], media: { kind: "image", ref: "https://cdn.example/2.jpg", fileName: "2.jpg" } },
      {
        ...message,
        messageId: "aWdfA#3",
        content: [{ t: "text", text: "An Instagram reel: " }, { t: "link", href: "https://instagram.example/reel/9", children: [{ t: "text", text: "https://instagram.example/reel/9" }] }],
      },
      { ...message, messageId: "aWdfB", content: [], media: { kind: "audio", ref: "https://cdn.example/v.mp4", fileName: "v.mp4" } },
    ]);
  });

  it("reads link previews as links, a shared location as a location, and says what it cannot show", () => {
    const { events } = page(
      fromPerson({ message: { mid: "m_l", attachments: [{ type: "fallback", payload: { url: "https://example.org/a", title: "An article" } }] } }),
      fromPerson({ message: { mid: "m_g", attachments: [{ type: "location", payload: { coordinates: { lat: 52.52, long: 13.4 }, title: "Berlin" } }] } }),
      fromPerson({ message: { mid: "m_u", attachments: [{ type: "story_mention" }] } }),
      fromPerson({ message: { mid: "m_x", attachments: [{ type: "image", payload: {} }] } }),
      fromPerson({ message: { mid: "m_n", attachments: [{ type: "hologram", payload: { url: "https://x.example" } }] } }),
    );
    assert.deepEqual(
      events.map((e) => (e.kind === "message" ? { content: e.content, location: e.location, unsupported: e.unsupported } : e)),
      [
        { content: [{ t: "link", href: "https://example.org/a", children: [{ t: "text", text: "An article" }] }], location: undefined, unsupported: undefined },
        { content: [], location: { latitude: 52.52, longitude: 13.4, name: "Berlin" }, unsupported: undefined },
        { content: [], location: undefined, unsupported: "a mention in their story that Messenger does not pass on to the bridge" },
        { content: [], location: undefined, unsupported: "an image without its file that Messenger does not pass on to the bridge" },
        {
          content: [{ t: "text", text: 'An attachment of type "hologram": ' }, { t: "link", href: "https://x.example", children: [{ t: "text", text: "https://x.example" }] }],
          location: undefined,
          unsupported: undefined,
        },
      ],
    );
  });

  it("reads reactions and their removal; a react with only a reaction name gets its emoji; the timestamp tells changes apart", () => {
    const { events, skipped } = page(
      fromPerson({ reaction: { reaction: "love", emoji: "\u2764\ufe0f", action: "react", mid: "m_1" } }, 10),
      fromPerson({ reaction: { action: "unreact", mid: "m_1" } }, 11),
      fromPerson({ reaction: { reaction: "like", action: "react", mid: "m_1" } }, 12),
      fromPerson({ reaction: { reaction: "other", action: "react", mid: "m_1" } }, 13),
      fromPerson({ reaction: { emoji: "x", action: "shrug", mid: "m_1" } }, 14),
      { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 15, reaction: { emoji: "x", action: "react", mid: "m_1" } },
    );
    const reaction = { kind: "reaction", ...fbChat, targetMessageId: "m_1" };
    assert.deepEqual(events, [
      { ...reaction, emoji: "\u2764\ufe0f", timestamp: 10, eventId: `${PAGE}:${PSID}:m_1:react:\u2764\ufe0f:10` },
      { ...reaction, timestamp: 11, eventId: `${PAGE}:${PSID}:m_1:unreact::11` },
      { ...reaction, emoji: "\ud83d\udc4d", timestamp: 12, eventId: `${PAGE}:${PSID}:m_1:react:\ud83d\udc4d:12` },
    ]);
    assert.deepEqual(skipped.map((s) => s.reason), ["reaction without an emoji", "reaction with action shrug", "reaction by the account itself"]);
  });

  it("reads Messenger edits with num_edit in the event id", () => {
    const { events } = page(fromPerson({ message_edit: { mid: "m_1", text: "fixed typo", num_edit: 2 } }, 20));
    assert.deepEqual(events, [{ kind: "edit", ...fbChat, targetMessageId: "m_1", content: [{ t: "text", text: "fixed typo" }], timestamp: 20, eventId: `${PAGE}:m_1:2` }]);
  });

  it("reads Messenger's read watermark and deliveries (mids sometimes absent; no timestamp: the entry's time)", () => {
    const { events } = page(
      fromPerson({ read: { watermark: 1458668856253 } }, 30),
      { sender: { id: PSID }, recipient: { id: PAGE }, delivery: { mids: ["m_a", "m_b"], watermark: 1458668856253 } },
      { sender: { id: PSID }, recipient: { id: PAGE }, delivery: { watermark: 1458668856300 } },
    );
    const receipt = { kind: "receipt", ...fbChat };
    assert.deepEqual(events, [
      { ...receipt, status: "read", messageIds: [], watermark: 1458668856253, timestamp: 30, eventId: `${PAGE}:${PSID}:read:1458668856253` },
      { ...receipt, status: "delivered", messageIds: ["m_a", "m_b"], watermark: 1458668856253, timestamp: 1000, eventId: `${PAGE}:${PSID}:delivered:1458668856253` },
      { ...receipt, status: "delivered", messageIds: [], watermark: 1458668856300, timestamp: 1000, eventId: `${PAGE}:${PSID}:delivered:1458668856300` },
    ]);
  });

  it("reads Instagram's messaging_seen (a mid), unsent messages (deletions) and unsupported ones", () => {
    const { events } = instagram(fromIgPerson({ read: { mid: "aWdfR" } }, 40), fromIgPerson({ message: { mid: "aWdfD", is_deleted: true } }, 41), fromIgPerson({ message: { mid: "aWdfU", is_unsupported: true } }, 42));
    assert.deepEqual(events, [
      { kind: "receipt", ...igChat, status: "read", messageIds: ["aWdfR"], timestamp: 40, eventId: `${IG}:${IGSID}:read:aWdfR` },
      { kind: "delete", ...igChat, targetMessageId: "aWdfD", timestamp: 41, eventId: `${IG}:aWdfD` },
      { kind: "message", ...igChat, messageId: "aWdfU", timestamp: 42, content: [], unsupported: "a message that Instagram does not pass on to the bridge" },
    ]);
  });

  it("skips reads, edits and deliveries without what they need, or by the account itself", () => {
    const { events, skipped } = page(
      fromPerson({ read: {} }),
      fromPerson({ delivery: { mids: [] } }),
      fromPerson({ message_edit: { mid: "m_1" } }),
      { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 1, read: { watermark: 5 } },
      { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 1, message_edit: { mid: "m_1", text: "x" } },
      { recipient: { id: PAGE }, timestamp: 1, read: { watermark: 5 } },
    );
    assert.deepEqual(events, []);
    assert.deepEqual(skipped.map((s) => s.reason), [
      "read without a watermark or a message id",
      "delivery without a watermark or message ids",
      "edit without a sender, a message id or text",
      "read by the account itself",
      "edit by the account itself",
      "read without a sender",
    ]);
  });
});
