import { strict as assert } from "node:assert";
import { errorCodes, graph, graphError } from "./support/graph-client";
import { startTestEmulator, userWrites, WA, WA_OTHER, WA_USER, without, type TestEmulator } from "./support/emulator-fixture";
import { startFileServer, type FileServer } from "./support/file-server";

const HOUR = 60 * 60 * 1000;

function text(body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { messaging_product: "whatsapp", recipient_type: "individual", to: WA_USER, type: "text", text: { body }, ...extra };
}

describe("emulator: WhatsApp Cloud API messages", () => {
  let t: TestEmulator;
  let files: FileServer;
  const send = (json: unknown, token = WA.token) => graph(t.emulator, "POST", `${WA.id}/messages`, { token, json });

  before(async () => {
    files = await startFileServer();
  });

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  describe("accepted requests", () => {
    beforeEach(() => userWrites(t.emulator, "whatsapp"));

    it("sends a text and answers with contacts (input as sent, wa_id normalised) and a wamid", async () => {
      const answer = await send(text("hello", { to: `+${WA_USER}`, text: { body: "hello", preview_url: true } }));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.messaging_product, "whatsapp");
      assert.deepEqual(answer.body.contacts, [{ input: `+${WA_USER}`, wa_id: WA_USER }]);
      const [message] = answer.body.messages as { id: string }[];
      assert.match(message!.id, /^wamid\.[A-Za-z0-9+/=]{20,}$/);
    });

    it("accepts a reply (context.message_id) to the user's message and a missing type (text by default)", async () => {
      const inboundId = await userWrites(t.emulator, "whatsapp", "question");
      const answer = await send(without(text("answer", { context: { message_id: inboundId } }), "type"));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it("accepts a reaction to a message of the chat and refuses one to an unknown message with 131009", async () => {
      const inboundId = await userWrites(t.emulator, "whatsapp");
      const reaction = (messageId: string) => ({ messaging_product: "whatsapp", to: WA_USER, type: "reaction", reaction: { message_id: messageId, emoji: "👍" } });
      assert.equal((await send(reaction(inboundId))).status, 200);
      const refused = await send(reaction("wamid.unknown"));
      assert.deepEqual(errorCodes(refused), { status: 400, code: 131009, subcode: undefined });
    });

    it("accepts media by link (fetched, kept with its caption) and a document with a filename", async () => {
      const png = Buffer.from("\x89PNG\r\n\x1a\n a cat");
      const image = await send({ messaging_product: "whatsapp", to: WA_USER, type: "image", image: { link: files.serve("cat.png", png, "image/png"), caption: "a cat" } });
      assert.equal(image.status, 200, JSON.stringify(image.body));
      const pdf = Buffer.from("%PDF-1.4 minimal");
      const document = await send({ messaging_product: "whatsapp", to: WA_USER, type: "document", document: { link: files.serve("a.pdf", pdf, "application/pdf"), filename: "a.pdf" } });
      assert.equal(document.status, 200, JSON.stringify(document.body));
      const sent = t.emulator.sentMedia({ network: "whatsapp" });
      assert.deepEqual(
        sent.map((m) => [m.type, m.mimeType, m.caption, m.fileName, m.source, m.data.equals(m.type === "image" ? png : pdf)]),
        [
          ["image", "image/png", "a cat", undefined, "url", true],
          ["document", "application/pdf", undefined, "a.pdf", "url", true],
        ],
      );
    });

    it("refuses media by a link it cannot fetch, or of the wrong type for the message, with 131053", async () => {
      const missing = await send({ messaging_product: "whatsapp", to: WA_USER, type: "image", image: { link: files.missing("gone.png") } });
      assert.equal(errorCodes(missing).code, 131053);
      const pdfAsImage = await send({ messaging_product: "whatsapp", to: WA_USER, type: "image", image: { link: files.serve("a.pdf", Buffer.from("%PDF"), "application/pdf") } });
      assert.equal(errorCodes(pdfAsImage).code, 131053);
      assert.deepEqual(t.emulator.sentMedia(), []);
    });

    it("accepts a location with decimal-string or number coordinates and refuses one out of range with code 100", async () => {
      const location = (latitude: unknown, longitude: unknown) => ({ messaging_product: "whatsapp", to: WA_USER, type: "location", location: { latitude, longitude, name: "Philz Coffee", address: "101 Forest Ave" } });
      assert.equal((await send(location("37.44216251868683", "-122.16153582049394"))).status, 200);
      assert.equal((await send(location(37.44, -122.16))).status, 200);
      assert.equal(errorCodes(await send(location("91", "0"))).code, 100);
      assert.equal(errorCodes(await send(location("north", "0"))).code, 100);
    });

    it("marks a received message read and shows typing, both answering {success: true}", async () => {
      const inboundId = await userWrites(t.emulator, "whatsapp");
      const read = await send({ messaging_product: "whatsapp", status: "read", message_id: inboundId });
      assert.deepEqual([read.status, read.body], [200, { success: true }]);
      const typing = await send({ messaging_product: "whatsapp", status: "read", message_id: inboundId, typing_indicator: { type: "text" } });
      assert.deepEqual([typing.status, typing.body], [200, { success: true }]);
      assert.equal(t.emulator.sent({ kind: "read" }).length, 1);
      assert.equal(t.emulator.sent({ kind: "typing" }).length, 1);
      assert.equal(t.emulator.sent({ kind: "message" }).length, 0);
    });

    it("takes the token from ?access_token= as well", async () => {
      const answer = await graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, tokenIn: "query", json: text("hi") });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it("answers GET /{phone_number_id} with the number's details", async () => {
      const answer = await graph(t.emulator, "GET", WA.id, { token: WA.token, query: { fields: "id,display_phone_number,verified_name" } });
      assert.equal(answer.status, 200);
      assert.deepEqual(Object.keys(answer.body), ["id", "display_phone_number", "verified_name"]);
      assert.equal(answer.body.id, WA.id);
    });
  });

  describe("strictness", () => {
    beforeEach(() => userWrites(t.emulator, "whatsapp"));

    it("refuses a text over 4096 characters with code 100 and error_data.details, and accepts exactly 4096 (astral characters count once)", async () => {
      assert.equal((await send(text("😀".repeat(4096)))).status, 200);
      const refused = await send(text("x".repeat(4097)));
      assert.deepEqual(errorCodes(refused), { status: 400, code: 100, subcode: undefined });
      const error = graphError(refused);
      assert.equal((error.error_data as { messaging_product: string }).messaging_product, "whatsapp");
      assert.match((error.error_data as { details: string }).details, /4096/);
    });

    it("refuses unknown fields, at the top and nested, with code 100", async () => {
      assert.equal(errorCodes(await send(text("hi", { priority: "high" }))).code, 100);
      assert.equal(errorCodes(await send(text("hi", { text: { body: "hi", bold: true } }))).code, 100);
    });

    it("refuses missing or wrong required fields with code 100", async () => {
      assert.equal(errorCodes(await send(without(text("hi"), "messaging_product"))).code, 100);
      assert.equal(errorCodes(await send(text("hi", { messaging_product: "messenger" }))).code, 100);
      assert.equal(errorCodes(await send(without(text("hi"), "to"))).code, 100);
      assert.equal(errorCodes(await send(text("hi", { text: { body: 42 } }))).code, 100);
      assert.equal(errorCodes(await send(text("hi", { type: "image" }))).code, 100, "type image without an image object");
      assert.equal(errorCodes(await send(text("hi", { image: { link: "https://example.org/x.png" } }))).code, 100, "a text carrying an image too");
      assert.equal(errorCodes(await send(text("hi", { recipient_type: "group" }))).code, 100);
      const both = { messaging_product: "whatsapp", to: WA_USER, type: "image", image: { id: "1", link: "https://example.org/x.png" } };
      assert.equal(errorCodes(await send(both)).code, 100, "media by id and link at once");
    });

    it("refuses a recipient nobody has with 131026", async () => {
      assert.equal(errorCodes(await send(text("hi", { to: "15550009999" }))).code, 131026);
    });

    it("refuses read receipts for ids this number never received with 131009", async () => {
      const answer = await send({ messaging_product: "whatsapp", status: "read", message_id: "wamid.never" });
      assert.equal(errorCodes(answer).code, 131009);
    });

    it("refuses media by an id nobody uploaded with 131009", async () => {
      const answer = await send({ messaging_product: "whatsapp", to: WA_USER, type: "image", image: { id: "123456" } });
      assert.equal(errorCodes(answer).code, 131009);
    });

    it("answers Meta's error body with fbtrace_id and the HTTP status of Meta's table", async () => {
      const answer = await send(text("hi"), "not-a-token");
      assert.equal(answer.status, 401);
      const error = graphError(answer);
      assert.deepEqual(Object.keys(error), ["message", "type", "code", "error_data", "fbtrace_id"]);
      assert.equal(error.type, "OAuthException");
      assert.equal(error.code, 190);
    });

    it("refuses a request without a token with 104, and another number's token with 190", async () => {
      assert.equal(errorCodes(await graph(t.emulator, "POST", `${WA.id}/messages`, { json: text("hi") })).code, 104);
      assert.deepEqual(errorCodes(await send(text("hi"), WA_OTHER.token)), { status: 401, code: 190, subcode: undefined });
    });

    it("refuses a Graph version that does not exist with 2500, and an unknown edge too", async () => {
      const answer = await graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json: text("hi"), version: "v26" });
      assert.equal(errorCodes(answer).code, 2500);
      assert.equal(errorCodes(await graph(t.emulator, "POST", `${WA.id}/message`, { token: WA.token, json: text("hi") })).code, 2500);
    });

    it("refuses a body that is not JSON with code 100", async () => {
      const response = await fetch(`${t.emulator.url}/v26.0/${WA.id}/messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${WA.token}`, "Content-Type": "application/json" },
        body: "{not json",
      });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: { code: number } }).error.code, 100);
    });

    it("records refused requests too, with their status and kind", async () => {
      t.emulator.clearSent();
      await send(text("x".repeat(5000)));
      const [recorded] = t.emulator.sent({ network: "whatsapp", kind: "message" });
      assert.equal(recorded?.status, 400);
      assert.equal(recorded?.accountId, WA.id);
      assert.equal((recorded?.body as { to: string }).to, WA_USER);
    });
  });

  describe("the 24-hour customer-service window", () => {
    it("refuses a free-form message to a user who never wrote with 131047", async () => {
      assert.deepEqual(errorCodes(await send(text("hi"))), { status: 400, code: 131047, subcode: undefined });
    });

    it("is open for 24 hours after the user's last message, then closes; a new message reopens it", async () => {
      await userWrites(t.emulator, "whatsapp");
      t.emulator.advanceClock(23 * HOUR);
      assert.equal((await send(text("still in time"))).status, 200);
      t.emulator.advanceClock(2 * HOUR);
      assert.equal(errorCodes(await send(text("too late"))).code, 131047);
      await userWrites(t.emulator, "whatsapp");
      assert.equal((await send(text("again"))).status, 200);
    });

    it("is per business number: writing to one number opens nothing on another", async () => {
      await userWrites(t.emulator, "whatsapp");
      const other = await graph(t.emulator, "POST", `${WA_OTHER.id}/messages`, { token: WA_OTHER.token, json: text("hi") });
      assert.equal(errorCodes(other).code, 131047);
    });

    it("lets templates through outside the window", async () => {
      const template = { messaging_product: "whatsapp", to: WA_USER, type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
      assert.equal((await send(template)).status, 200);
    });
  });

  describe("HTTP status modes", () => {
    it("answers every error with 400 in 400-everywhere mode", async () => {
      const strict400 = await startTestEmulator({ httpStatusMode: "400-everywhere" });
      const answer = await graph(strict400.emulator, "POST", `${WA.id}/messages`, { token: "wrong", json: text("hi") });
      assert.deepEqual(errorCodes(answer), { status: 400, code: 190, subcode: undefined });
    });
  });
});
