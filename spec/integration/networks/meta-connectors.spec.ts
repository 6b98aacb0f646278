import { strict as assert } from "node:assert";
import type { ChatKey, NetworkConnector, RemoteMessage } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { NetworkError, type NetworkErrorReason } from "../../../src/core/networks/network-error";
import { CASES, startHarness, type Harness, type NetworkCase } from "./harness";
import { idOf } from "../../unit/networks/remote-events";

const HOUR = 60 * 60 * 1000;

/** What each product's send endpoint must have received for a plain text. */
function documentedSend(c: NetworkCase, text: string): Record<string, unknown> {
  switch (c.network) {
    case "whatsapp":
      return { messaging_product: "whatsapp", recipient_type: "individual", to: c.person, type: "text", text: { body: text, preview_url: false } };
    case "messenger":
      return { recipient: { id: c.person }, messaging_type: "RESPONSE", message: { text } };
    case "instagram":
      return { recipient: { id: c.person }, message: { text } };
  }
}

/** A rate-limit code and a 5xx-style temporary code each product really uses. */
const TRANSIENT: Record<NetworkCase["network"], { rateLimit: number; temporary: number }> = {
  whatsapp: { rateLimit: 130429, temporary: 131000 },
  messenger: { rateLimit: 613, temporary: 2 },
  instagram: { rateLimit: 4, temporary: 1200 },
};

async function sendError(connector: NetworkConnector, chat: ChatKey, text = "hello"): Promise<NetworkError> {
  try {
    await connector.sendMessage(chat, { kind: "text", content: fromPlainText(text) });
  } catch (err) {
    assert.ok(err instanceof NetworkError, String(err));
    return err;
  }
  assert.fail("expected the send to fail");
}

for (const c of CASES) {
  describe(`${c.label} connector against the Graph emulator`, () => {
    let h: Harness;
    let connector: NetworkConnector;
    const chat: ChatKey = { network: c.network, chatId: c.person, receiver: c.account };
    /** a timestamp the emulator writes without loss (WhatsApp sends whole seconds) */
    const wholeSecondNow = () => Math.floor(h.emulator.now() / 1000) * 1000;

    before(async () => {
      h = await startHarness();
      connector = h.connectors.get(c.network)!;
    });
    beforeEach(() => {
      h.sink.batches = [];
      h.sleeps.length = 0;
      h.emulator.clearFailures();
      h.emulator.clearSent();
    });

    function expectedMessage(messageId: string, timestamp: number, text: string, extra: Partial<RemoteMessage> = {}): RemoteMessage {
      return {
        kind: "message",
        chat,
        sender: c.network === "whatsapp" ? { id: c.person, name: c.personName } : { id: c.person },
        messageId,
        timestamp,
        content: fromPlainText(text),
        ...extra,
      };
    }

    it("answers the verification handshake with the right token only", async () => {
      const good = await h.emulator.verifyWebhook(c.network);
      assert.equal(good.status, 200);
      assert.ok(good.echoed);
      const bad = await h.emulator.verifyWebhook(c.network, { verifyToken: "not-the-token" });
      assert.equal(bad.status, 403);
      assert.equal(bad.echoed, false);
    });

    it("turns an inbound text into exactly the expected RemoteMessage, acknowledged after the sink took it", async () => {
      const timestamp = wholeSecondNow();
      const result = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "Does it come in another color?", timestamp });
      assert.equal(result.status, 200);
      assert.deepEqual(h.sink.batches, [{ network: c.network, events: [expectedMessage(result.messageId, timestamp, "Does it come in another color?")] }]);
      assert.match(connector.status().detail, /^running — 1 account; last webhook just now$/);
    });

    it("keeps non-ASCII text (Meta escapes it in the signed bytes) and reads the reply target", async () => {
      const first = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "first" });
      const timestamp = wholeSecondNow();
      const text = "Grüße, 你好 👋 — see a/b <ok> 100% @you";
      const reply = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text, replyTo: first.messageId, timestamp });
      assert.equal(reply.status, 200);
      assert.deepEqual(h.sink.events()[1], expectedMessage(reply.messageId, timestamp, text, { replyToMessageId: first.messageId }));
    });

    it("sends a text as exactly the documented request and returns its message id", async () => {
      await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
      const result = await connector.sendMessage(chat, { kind: "text", content: fromPlainText("Hello from Matrix") });
      const [sent] = h.emulator.sent({ network: c.network, kind: "message" });
      assert.ok(sent);
      assert.equal(sent.method, "POST");
      assert.equal(sent.path, `/v26.0/${c.account}/messages`);
      assert.equal(sent.status, 200);
      assert.deepEqual(sent.body, documentedSend(c, "Hello from Matrix"));
      const response = (typeof sent.response === "string" ? JSON.parse(sent.response) : sent.response) as { messages?: { id: string }[]; message_id?: string };
      assert.deepEqual(result.messageIds, [response.messages?.[0]?.id ?? response.message_id]);
    });

    if (c.network !== "whatsapp") {
      it("does not bridge the echo of its own send", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.sink.batches = [];
        await connector.sendMessage(chat, { kind: "text", content: fromPlainText("echo me") });
        const [echo] = await h.emulator.waitForWebhooks({ network: c.network, kind: "echo" }, 1);
        assert.equal(echo!.status, 200);
        assert.deepEqual(h.sink.batches, []);
      });
    }

    it("refuses a wrong signature with 403 and a missing one with 401, and stores nothing", async () => {
      const { payload } = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "original" });
      h.sink.batches = [];
      assert.equal((await h.emulator.deliver(c.network, payload, { signature: "wrong" })).status, 403);
      assert.equal((await h.emulator.deliver(c.network, payload, { signature: "missing" })).status, 401);
      assert.deepEqual(h.sink.batches, []);
    });

    it("refuses a body over 4 MB with 413 and stores nothing", async () => {
      const rawBody = JSON.stringify({ object: "x", padding: "a".repeat(4 * 1024 * 1024 + 100) });
      const response = await h.emulator.deliver(c.network, {}, { rawBody });
      assert.equal(response.status, 413);
      assert.deepEqual(h.sink.batches, []);
    });

    it("passes a duplicate delivery to the sink twice (the core dedupes by message id)", async () => {
      const { payload, messageId } = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "once" });
      assert.equal((await h.emulator.deliver(c.network, payload)).status, 200);
      assert.deepEqual(h.sink.events().map(idOf), [messageId, messageId]);
    });

    it("answers 500 when the sink fails, so Meta delivers again", async () => {
      h.sink.failNext = 1;
      const { payload, status } = await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "keep me" });
      assert.equal(status, 500);
      assert.equal((await h.emulator.deliver(c.network, payload)).status, 200);
      assert.equal(h.sink.events().length, 1);
    });

    it("acknowledges a signed delivery with nothing for it", async () => {
      const object = { whatsapp: "whatsapp_business_account", messenger: "page", instagram: "instagram" }[c.network];
      const response = await h.emulator.deliver(c.network, { object, entry: [{ id: c.account, time: 1, changes: [{ field: "something_new", value: {} }] }] });
      assert.equal(response.status, 200);
      assert.deepEqual(h.sink.batches, []);
    });

    describe("errors", () => {
      const expectError = async (reason: NetworkErrorReason, message: RegExp) => {
        const error = await sendError(connector, chat);
        assert.equal(error.reason, reason);
        assert.match(error.userMessage, message);
        assert.match(error.detail, /fbtrace_id=\S+/);
        return error;
      };

      it("window closed: more than 24 hours since the person wrote", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.advanceClock(25 * HOUR);
        const advice =
          c.network === "whatsapp"
            ? "or you can send an approved message template \\(the `template` command\\)"
            : `or an admin can let people answer for up to 7 days with networks\\.${c.network}\\.human_agent once the Meta app has the Human Agent permission`;
        await expectError("window-closed", new RegExp(`^The message was not sent: it has been more than 24 hours since this person last wrote on ${c.label}; they must write first, ${advice}\\.$`));
        assert.equal(h.emulator.sent({ network: c.network, kind: "message" }).length, 1, "not retried");
      });

      it("token expired: an admin must renew it; the status says so until a send succeeds", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: 190, subcode: 463, type: "OAuthException", message: "Error validating access token: Session has expired" });
        await expectError("auth", new RegExp(`^${c.label} rejected the access token of account ${c.label} desk: it has expired\\. The message was not sent; an admin must renew the access token \\(networks\\.${c.network}\\.accounts\\)\\.$`));
        assert.deepEqual(connector.status(), { state: "degraded", detail: `access token of account ${c.label} desk expired or revoked — renew it (networks.${c.network}.accounts)` });
        await connector.sendMessage(chat, { kind: "text", content: fromPlainText("works again") });
        assert.equal(connector.status().state, "running");
      });

      it("rate limit: retried with backoff, then sent", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: TRANSIENT[c.network].rateLimit, times: 2 });
        const result = await connector.sendMessage(chat, { kind: "text", content: fromPlainText("eventually") });
        assert.equal(result.messageIds.length, 1);
        assert.deepEqual(h.sleeps, [500, 1000]);
        // Meta's table answers 429 for some rate-limit codes and 400 for others: only the code counts
        assert.deepEqual(h.emulator.sent({ network: c.network, kind: "message" }).map((r) => r.status === 200), [false, false, true]);
      });

      it("rate limit that outlasts the retries: rate-limited, after max_retries + 1 attempts", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: TRANSIENT[c.network].rateLimit, times: 10 });
        await expectError("rate-limited", new RegExp(`^${c.label} is rate-limiting account ${c.label} desk; the message was not sent after 4 attempts\\.`));
        assert.equal(h.sleeps.length, 3);
      });

      it("5xx: retried, then sent", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: TRANSIENT[c.network].temporary, status: 503 });
        await connector.sendMessage(chat, { kind: "text", content: fromPlainText("after a 503") });
        assert.deepEqual(h.emulator.sent({ network: c.network, kind: "message" }).map((r) => r.status), [503, 200]);
      });

      it("dropped connection: retried, then sent", async () => {
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: 1, transport: "reset" });
        const result = await connector.sendMessage(chat, { kind: "text", content: fromPlainText("after a reset") });
        assert.equal(result.messageIds.length, 1);
        assert.equal(h.sleeps.length, 1);
        assert.deepEqual(h.emulator.sent({ network: c.network, kind: "message" }).map((r) => r.status), [0, 200]);
      });

      it("dropped connections that outlast the retries: temporary", async () => {
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: 1, transport: "reset", times: 10 });
        await assert.rejects(connector.sendMessage(chat, { kind: "text", content: fromPlainText("x") }), (e: unknown) => {
          assert.ok(e instanceof NetworkError);
          assert.equal(e.reason, "temporary");
          assert.match(e.userMessage, new RegExp(`^${c.label} could not be reached \\(connection failed\\) after 4 attempts; the message was not sent\\. Try again later\\.$`));
          return true;
        });
      });

      it("recipient unavailable", async () => {
        if (c.network === "whatsapp") {
          // the emulator knows no such number: 131026 undeliverable
          const error = await sendError(connector, { ...chat, chatId: "15550009999" });
          assert.equal(error.reason, "recipient-unavailable");
          assert.match(error.userMessage, /^WhatsApp could not deliver to this person .*; the message was not sent\.$/);
          return;
        }
        await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "hi" });
        h.emulator.injectFailure({ network: c.network, accountId: c.account, code: 551, subcode: 1545041, message: "This person isn't available right now." });
        await expectError("recipient-unavailable", new RegExp(`^This person can't receive messages on ${c.label} right now`));
      });
    });
  });
}
