import { strict as assert } from "node:assert";
import { createHmac } from "node:crypto";
import { errorCodes, graph } from "./support/graph-client";
import { PAGE, PSID, startTestEmulator, userWrites, without, type TestEmulator } from "./support/emulator-fixture";
import { startFileServer, type FileServer } from "./support/file-server";

const DAY = 24 * 60 * 60 * 1000;

function message(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text }, ...extra };
}

describe("emulator: Messenger Platform", () => {
  let t: TestEmulator;
  let files: FileServer;
  const send = (json: unknown, path = `${PAGE.id}/messages`) => graph(t.emulator, "POST", path, { token: PAGE.token, tokenIn: "query", json });

  before(async () => {
    files = await startFileServer();
  });

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  describe("the Send API", () => {
    beforeEach(() => userWrites(t.emulator, "messenger"));

    it("sends a text and answers {recipient_id, message_id: m_…}, also through /me/messages", async () => {
      for (const path of [`${PAGE.id}/messages`, "me/messages"]) {
        const answer = await send(message("hello, world"), path);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.deepEqual(Object.keys(answer.body), ["recipient_id", "message_id"]);
        assert.equal(answer.body.recipient_id, PSID);
        assert.match(String(answer.body.message_id), /^m_[A-Za-z0-9_-]{40,}$/);
      }
    });

    it("accepts a form-encoded body with JSON-valued fields, as Graph does", async () => {
      const answer = await graph(t.emulator, "POST", `${PAGE.id}/messages`, {
        token: PAGE.token,
        form: { recipient: JSON.stringify({ id: PSID }), messaging_type: "UPDATE", message: JSON.stringify({ text: "form" }) },
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it("answers sender actions with {recipient_id} and classifies them", async () => {
      t.emulator.clearSent();
      for (const action of ["typing_on", "typing_off", "mark_seen"]) {
        const answer = await send({ recipient: { id: PSID }, sender_action: action });
        assert.deepEqual([answer.status, answer.body], [200, { recipient_id: PSID }]);
      }
      assert.equal(t.emulator.sent({ kind: "sender_action" }).length, 3);
      assert.equal(t.emulator.sent({ kind: "typing" }).length, 2);
      assert.equal(t.emulator.sent({ kind: "read" }).length, 1);
      assert.equal(t.emulator.sent({ kind: "message" }).length, 0);
    });

    it("refuses message and sender_action together, and neither, with code 100", async () => {
      assert.equal(errorCodes(await send(message("hi", { sender_action: "typing_on" }))).code, 100);
      assert.equal(errorCodes(await send({ recipient: { id: PSID }, messaging_type: "RESPONSE" })).code, 100);
    });

    it("requires messaging_type, a known value, and a tag exactly with MESSAGE_TAG", async () => {
      assert.equal(errorCodes(await send(without(message("hi"), "messaging_type"))).code, 100);
      assert.equal(errorCodes(await send(message("hi", { messaging_type: "NON_PROMOTIONAL_SUBSCRIPTION" }))).code, 100);
      assert.equal(errorCodes(await send(message("hi", { messaging_type: "MESSAGE_TAG" }))).code, 100);
      assert.equal(errorCodes(await send(message("hi", { tag: "HUMAN_AGENT" }))).code, 100);
      assert.equal((await send(message("hi", { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" }))).status, 200);
    });

    it("refuses a text over 2000 characters with code 100", async () => {
      assert.equal((await send(message("é".repeat(2000)))).status, 200);
      assert.equal(errorCodes(await send(message("é".repeat(2001)))).code, 100);
    });

    it("refuses unknown fields and a non-string recipient id with code 100", async () => {
      assert.equal(errorCodes(await send(message("hi", { persona: "x" }))).code, 100);
      assert.equal(errorCodes(await send({ ...message("hi"), message: { text: "hi", reply_to: "m_1" } })).code, 100);
      assert.equal(errorCodes(await send({ ...message("hi"), recipient: { id: Number(PSID) } })).code, 100);
    });

    it("sends an attachment by url (fetched, echoed with its url) and refuses an attachment_id nobody uploaded", async () => {
      const attachment = (payload: Record<string, unknown>) => ({ recipient: { id: PSID }, messaging_type: "RESPONSE", message: { attachment: { type: "image", payload } } });
      const png = Buffer.from("\x89PNG\r\n\x1a\n cat");
      const url = files.serve("cat.png", png, "image/png");
      assert.equal((await send(attachment({ url, is_reusable: true }))).status, 200);
      const [echo] = await t.emulator.waitForWebhooks({ kind: "echo" });
      const event = (echo!.payload as { entry: { messaging: { message: Record<string, unknown> }[] }[] }).entry[0]!.messaging[0]!;
      assert.deepEqual(event.message.attachments, [{ type: "image", payload: { url } }]);
      assert.deepEqual(t.emulator.sentMedia().map((m) => [m.type, m.mimeType, m.source, m.url, m.data.equals(png)]), [["image", "image/png", "url", url, true]]);
      assert.equal(errorCodes(await send(attachment({ attachment_id: "1857777774821032" }))).code, 100);
      assert.equal(errorCodes(await send(attachment({ url: "ftp://example.org/cat.png" }))).code, 100);
      assert.equal(errorCodes(await send(attachment({ url: files.missing("cat.png") }))).code, 100, "a URL Meta cannot fetch");
    });

    it("answers GET /me with the Page and subscribes the app with POST subscribed_apps", async () => {
      const me = await graph(t.emulator, "GET", "me", { token: PAGE.token });
      assert.deepEqual(me.body, { name: "Coast Clothing", id: PAGE.id });
      const subscribed = await graph(t.emulator, "POST", `${PAGE.id}/subscribed_apps`, { token: PAGE.token, query: { subscribed_fields: "messages,message_echoes" } });
      assert.deepEqual(subscribed.body, { success: true });
      assert.equal(errorCodes(await graph(t.emulator, "POST", `${PAGE.id}/subscribed_apps`, { token: PAGE.token })).code, 100);
      assert.equal(t.emulator.sent({ kind: "account" }).length, 3);
    });

    it("refuses an unknown recipient with 100/2018001", async () => {
      assert.deepEqual(errorCodes(await send({ ...message("hi"), recipient: { id: "999" } })), { status: 400, code: 100, subcode: 2018001 });
    });

    it("refuses another page's token with 190", async () => {
      const answer = await graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: "some-other-token", json: message("hi") });
      assert.deepEqual(errorCodes(answer), { status: 401, code: 190, subcode: undefined });
    });
  });

  describe("the messaging window", () => {
    it("refuses with 10/2018278 (HTTP 403) when the user never wrote or wrote over 24 hours ago", async () => {
      assert.deepEqual(errorCodes(await send(message("hi"))), { status: 403, code: 10, subcode: 2018278 });
      await userWrites(t.emulator, "messenger");
      assert.equal((await send(message("hi"))).status, 200);
      t.emulator.advanceClock(DAY + 1000);
      assert.deepEqual(errorCodes(await send(message("hi"))), { status: 403, code: 10, subcode: 2018278 });
      assert.equal(errorCodes(await send({ recipient: { id: PSID }, sender_action: "typing_on" })).subcode, 2018278);
    });

    it("lets a HUMAN_AGENT tagged message through for 7 days", async () => {
      await userWrites(t.emulator, "messenger");
      t.emulator.advanceClock(6 * DAY);
      const tagged = message("a person answers", { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
      assert.equal((await send(tagged)).status, 200);
      t.emulator.advanceClock(DAY + 1000);
      assert.equal(errorCodes(await send(tagged)).subcode, 2018278);
    });
  });

  describe("echoes", () => {
    it("delivers a signed message_echoes webhook with is_echo and the numeric app_id after a send", async () => {
      await userWrites(t.emulator, "messenger");
      const sent = await send(message("echo me", { message: { text: "echo me", metadata: "portal-42" } }));
      const [echo] = await t.emulator.waitForWebhooks({ network: "messenger", kind: "echo" });
      assert.equal(echo!.status, 200);
      const received = t.receiver.posts("/webhooks/messenger").at(-1)!;
      const expected = "sha256=" + createHmac("sha256", PAGE.secret).update(received.raw).digest("hex");
      assert.equal(received.headers["x-hub-signature-256"], expected);
      const payload = JSON.parse(received.raw.toString("utf8")) as { object: string; entry: { id: string; messaging: Record<string, unknown>[] }[] };
      assert.equal(payload.object, "page");
      const event = payload.entry[0]!.messaging[0]!;
      assert.deepEqual(event.sender, { id: PAGE.id });
      assert.deepEqual(event.recipient, { id: PSID });
      assert.equal(typeof event.timestamp, "number");
      assert.deepEqual(event.message, { is_echo: true, app_id: Number(PAGE.appId), metadata: "portal-42", mid: sent.body.message_id, text: "echo me" });
    });

    it("sends no echo for sender actions, nor at all with echoWebhooks: false", async () => {
      const quiet = await startTestEmulator({ echoWebhooks: false });
      await userWrites(quiet.emulator, "messenger");
      await graph(quiet.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: message("no echo") });
      await graph(quiet.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: { recipient: { id: PSID }, sender_action: "mark_seen" } });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(quiet.emulator.webhooks({ kind: "echo" }).length, 0);
      assert.equal(quiet.receiver.posts().length, 1, "only the inbound message");
    });
  });

  describe("user profiles", () => {
    it("answers first_name, last_name and a profile_pic URL serving a real PNG", async () => {
      const answer = await graph(t.emulator, "GET", PSID, { token: PAGE.token, tokenIn: "query", query: { fields: "first_name,last_name,profile_pic" } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.first_name, "Peter");
      assert.equal(answer.body.last_name, "Chang");
      const picture = await fetch(String(answer.body.profile_pic));
      assert.equal(picture.status, 200);
      assert.equal(picture.headers.get("content-type"), "image/png");
      const bytes = Buffer.from(await picture.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(bytes.readUInt32BE(16), 64, "width from the IHDR chunk");
      assert.equal(t.emulator.sent({ kind: "profile" }).length, 1);
    });

    it("refuses unknown fields with 100 and unknown users with 100/33", async () => {
      assert.equal(errorCodes(await graph(t.emulator, "GET", PSID, { token: PAGE.token, query: { fields: "first_name,shoe_size" } })).code, 100);
      assert.deepEqual(errorCodes(await graph(t.emulator, "GET", "123", { token: PAGE.token })), { status: 400, code: 100, subcode: 33 });
    });
  });
});
