import { strict as assert } from "node:assert";
import { instagramDescriptor } from "../../../src/networks/instagram/descriptor";
import { messengerDescriptor } from "../../../src/networks/messenger/descriptor";

const ctx = { appId: "555000111", now: 1_700_000_000_000 };
const PAGE = "1122334455";
const PSID = "6543210987654321";

describe("Messenger webhook parser", () => {
  it("turns text messages of several entries into RemoteMessages, with reply_to", () => {
    const payload = {
      object: "page",
      entry: [
        {
          id: PAGE,
          time: 1458692752478,
          messaging: [
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1458692752478, message: { mid: "m_1", text: "hello, world!" } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1458692752479, message: { mid: "m_2", text: "this one", reply_to: { mid: "m_0", is_self_reply: false } } },
          ],
        },
        { id: "999888777", time: 1458692752480, messaging: [{ sender: { id: "777" }, recipient: { id: "999888777" }, timestamp: 1458692752480, message: { mid: "m_3", text: "*not bold*" } }] },
      ],
    };
    const { events } = messengerDescriptor.parseDelivery(payload, ctx);
    assert.deepEqual(events, [
      { kind: "message", chat: { network: "messenger", chatId: PSID, receiver: PAGE }, sender: { id: PSID }, messageId: "m_1", timestamp: 1458692752478, content: [{ t: "text", text: "hello, world!" }] },
      {
        kind: "message",
        chat: { network: "messenger", chatId: PSID, receiver: PAGE },
        sender: { id: PSID },
        messageId: "m_2",
        timestamp: 1458692752479,
        content: [{ t: "text", text: "this one" }],
        replyToMessageId: "m_0",
      },
      { kind: "message", chat: { network: "messenger", chatId: "777", receiver: "999888777" }, sender: { id: "777" }, messageId: "m_3", timestamp: 1458692752480, content: [{ t: "text", text: "*not bold*" }] },
    ]);
  });

  it("drops echoes (ours and other apps'), postbacks, unknown events and standby", () => {
    const payload = {
      object: "page",
      entry: [
        {
          id: PAGE,
          time: 1,
          messaging: [
            { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 2, message: { is_echo: true, app_id: 555000111, mid: "m_e1", text: "our send" } },
            { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 3, message: { is_echo: true, app_id: 1517776481860111, mid: "m_e2", text: "inbox" } },
            { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 3, message: { is_echo: true, mid: "m_e3", text: "page inbox" } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 6, postback: { mid: "m_p", title: "Start", payload: "GET_STARTED" } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 7, message: { mid: "m_a" } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 8, future_event: {} },
          ],
          standby: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 9, message: { mid: "m_s", text: "owned by another app" } }],
        },
      ],
    };
    const { events, skipped } = messengerDescriptor.parseDelivery(payload, ctx);
    assert.deepEqual(events, []);
    assert.deepEqual(skipped.map((s) => s.reason), [
      "echo of our own send",
      "echo of a message sent by app 1517776481860111",
      "echo of a message sent by the inbox",
      "postback event",
      "message without text or attachments",
      "unknown event",
      "standby events (another app owns the thread)",
    ]);
  });

  it("survives malformed entries and items", () => {
    const payload = { object: "page", entry: [null, { messaging: [] }, { id: PAGE, messaging: ["x", { message: { text: "no sender or mid" } }] }] };
    const { events, skipped } = messengerDescriptor.parseDelivery(payload, ctx);
    assert.deepEqual(events, []);
    assert.deepEqual(skipped.map((s) => s.reason), ["entry without an id", "message without a sender or an id"]);
  });
});

describe("Instagram webhook parser", () => {
  const IG = "17841400000000001";
  const IGSID = "1234567890123456";

  it("turns text messages into RemoteMessages (a story reply without a reply target) and ignores echoes", () => {
    const payload = {
      object: "instagram",
      entry: [
        {
          id: IG,
          time: 1569262486134,
          messaging: [
            { sender: { id: IGSID }, recipient: { id: IG }, timestamp: 1569262485349, message: { mid: "aWdfZAG1", text: "hi 👋", reply_to: { mid: "aWdfZAG0" } } },
            { sender: { id: IG }, recipient: { id: IGSID }, timestamp: 1569262485350, message: { mid: "aWdfZAG2", text: "our reply", is_echo: true } },
            { sender: { id: IGSID }, recipient: { id: IG }, timestamp: 1569262485353, message: { mid: "aWdfZAG4", text: "story", reply_to: { story: { url: "https://x", id: "s1" } } } },
          ],
        },
      ],
    };
    const { events, skipped } = instagramDescriptor.parseDelivery(payload, ctx);
    assert.deepEqual(events, [
      {
        kind: "message",
        chat: { network: "instagram", chatId: IGSID, receiver: IG },
        sender: { id: IGSID },
        messageId: "aWdfZAG1",
        timestamp: 1569262485349,
        content: [{ t: "text", text: "hi 👋" }],
        replyToMessageId: "aWdfZAG0",
      },
      {
        kind: "message",
        chat: { network: "instagram", chatId: IGSID, receiver: IG },
        sender: { id: IGSID },
        messageId: "aWdfZAG4",
        timestamp: 1569262485353,
        content: [{ t: "text", text: "story" }],
      },
    ]);
    assert.deepEqual(skipped.map((s) => s.reason), ["echo of a message sent by the inbox"]);
  });
});
