import { strict as assert } from "node:assert";
import { toNetworkError } from "../../../src/networks/meta/error-mapping";
import { GraphApiError } from "../../../src/networks/meta/graph-error";
import { replyModeFor, withReplyMode } from "../../../src/networks/meta/messaging/reply-mode";
import { attachmentUploadParts } from "../../../src/networks/meta/messaging/send-api-requests";
import { sendApiWindowRules, type WindowSituation } from "../../../src/networks/meta/messaging/window-errors";
import { MESSENGER_ERROR_RULES } from "../../../src/networks/messenger/errors";
import { MESSENGER_SEND_API } from "../../../src/networks/messenger/send-api";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = 1_800_000_000_000;

describe("HUMAN_AGENT answers (Messenger, Instagram)", () => {
  describe("when the tag is used", () => {
    it("only between 24 hours and 7 days after the person's last message, and only when configured", () => {
      assert.equal(replyModeFor(NOW - DAY, NOW, true), "standard", "exactly 24 hours is still inside the window");
      assert.equal(replyModeFor(NOW - DAY - 1, NOW, true), "human-agent");
      assert.equal(replyModeFor(NOW - 7 * DAY, NOW, true), "human-agent", "exactly 7 days is still allowed");
      assert.equal(replyModeFor(NOW - 7 * DAY - 1, NOW, true), "standard");
      assert.equal(replyModeFor(NOW - 3 * DAY, NOW, false), "standard", "never without the config flag");
      assert.equal(replyModeFor(undefined, NOW, true), "standard", "never without a known last message");
    });

    it("replaces the messaging_type with MESSAGE_TAG + HUMAN_AGENT and leaves a standard request alone", () => {
      const request = { path: "1/messages", body: { recipient: { id: "2" }, messaging_type: "RESPONSE", message: { text: "hi" } } };
      assert.equal(withReplyMode(request, "standard"), request);
      assert.deepEqual(withReplyMode(request, "human-agent").body, { recipient: { id: "2" }, messaging_type: "MESSAGE_TAG", message: { text: "hi" }, tag: "HUMAN_AGENT" });
      assert.deepEqual(request.body.messaging_type, "RESPONSE", "the original is not changed");
    });

    it("puts messaging_type and tag into an upload's multipart fields", () => {
      const chat = { network: "messenger", chatId: "2", receiver: "1" };
      const media = { kind: "image" as const, data: Buffer.from("x"), mimeType: "image/png", fileName: "x.png" };
      const fields = (mode: "standard" | "human-agent") =>
        attachmentUploadParts(chat, MESSENGER_SEND_API, media, mode).flatMap((part) => ("value" in part && part.name !== "message" && part.name !== "recipient" ? [[part.name, part.value]] : []));
      assert.deepEqual(fields("standard"), [["messaging_type", "RESPONSE"]]);
      assert.deepEqual(fields("human-agent"), [
        ["messaging_type", "MESSAGE_TAG"],
        ["tag", "HUMAN_AGENT"],
      ]);
    });
  });

  describe("refusals, worded for the situation", () => {
    const ctx = { network: "messenger", label: "Messenger", account: "Support", outcome: "the message was not sent" };
    const refused = (situation: Partial<WindowSituation>, code: number, subcode?: number) =>
      toNetworkError(
        new GraphApiError(403, { message: "(#10) x", code, subcode, fbtraceId: "T" }),
        ctx,
        // as the connector consults them: the situation's rules, then the product's table
        [...sendApiWindowRules({ dialect: MESSENGER_SEND_API, humanAgentConfigured: false, mode: "standard", lastInboundAt: undefined, now: NOW, ...situation }), ...MESSENGER_ERROR_RULES],
      );

    it("a tagged answer refused as outside the window points at the option and the permission", () => {
      const error = refused({ humanAgentConfigured: true, mode: "human-agent", lastInboundAt: NOW - 3 * DAY }, 10, 2018278);
      assert.equal(error.reason, "window-closed");
      assert.match(error.userMessage, /even with the HUMAN_AGENT tag .* An admin should check networks\.messenger\.human_agent\.$/);
    });

    it("a tagged answer refused for permission (code 10 without subcode) says the app lacks Human Agent; other subcodes keep their meaning", () => {
      const tagged = { humanAgentConfigured: true, mode: "human-agent" as const, lastInboundAt: NOW - 3 * DAY };
      assert.equal(refused(tagged, 10).reason, "permission");
      assert.match(refused(tagged, 10).userMessage, /lacks the Human Agent permission/);
      assert.match(refused(tagged, 200).userMessage, /lacks the Human Agent permission/);
      assert.doesNotMatch(refused(tagged, 10, 1893063).userMessage, /Human Agent/);
    });

    it("after 7 days says so; without the option it tells the admin it exists; with it and no clock, the plain sentence", () => {
      assert.match(refused({ humanAgentConfigured: true, lastInboundAt: NOW - 8 * DAY }, 10, 2018278).userMessage, /more than 7 days/);
      assert.match(refused({ humanAgentConfigured: false, lastInboundAt: NOW - 3 * DAY }, 10, 2018278).userMessage, /networks\.messenger\.human_agent once the Meta app has the Human Agent permission\.$/);
      assert.match(refused({ humanAgentConfigured: true }, 10, 2018278).userMessage, /more than 24 hours since this person last wrote on Messenger; they must write first\.$/);
    });
  });
});
