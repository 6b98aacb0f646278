import { strict as assert } from "node:assert";
import { errorCodes, graph } from "./support/graph-client";
import { IG, IGSID, PAGE, PSID, startTestEmulator, userWrites, WA, WA_USER, type TestEmulator } from "./support/emulator-fixture";
import { startFileServer, type FileServer } from "./support/file-server";

const MB = 1024 * 1024;

function multipart(fields: Record<string, unknown>, file?: { field?: string; name: string; type: string; data: Buffer }): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, typeof value === "string" ? value : JSON.stringify(value));
  if (file) form.set(file.field ?? "filedata", new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  return form;
}

describe("emulator: files, replies and reactions the bridge sends", () => {
  let t: TestEmulator;
  let files: FileServer;
  const png = Buffer.from("\x89PNG\r\n\x1a\n pixels", "latin1");

  before(async () => {
    files = await startFileServer();
  });
  beforeEach(async () => {
    t = await startTestEmulator();
  });
  afterEach(() => t.emulator.stop());

  describe("Messenger", () => {
    const upload = (form: FormData) => graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, multipart: form });
    const attachment = (type: string, payload: Record<string, unknown> = { is_reusable: false }) => ({ attachment: { type, payload } });
    beforeEach(() => userWrites(t.emulator, "messenger"));

    it("takes a file uploaded with the send (filedata), keeps its bytes, and echoes it with a URL the emulator serves", async () => {
      const answer = await upload(multipart({ recipient: { id: PSID }, messaging_type: "RESPONSE", message: attachment("image") }, { name: "a.png", type: "image/png", data: png }));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const [sent] = t.emulator.sentMedia();
      assert.deepEqual([sent!.messageId, sent!.type, sent!.mimeType, sent!.fileName, sent!.source], [answer.body.message_id, "image", "image/png", "a.png", "filedata"]);
      assert.ok(sent!.data.equals(png));
      const [echo] = await t.emulator.waitForWebhooks({ network: "messenger", kind: "echo" });
      const attachments = (echo!.payload as { entry: { messaging: { message: { attachments: { payload: { url: string } }[] } }[] }[] }).entry[0]!.messaging[0]!.message.attachments;
      assert.equal(attachments[0]!.payload.url, sent!.url);
      assert.deepEqual(Buffer.from(await (await fetch(sent!.url!)).arrayBuffer()), png);
    });

    it("refuses with code 100: a file without an attachment, a file in another field, a file plus a url, an audio that is not audio, over 25 MB", async () => {
      const base = { recipient: { id: PSID }, messaging_type: "RESPONSE" };
      const file = { name: "a.png", type: "image/png", data: png };
      assert.equal(errorCodes(await upload(multipart({ ...base, message: { text: "hi" } }, file))).code, 100);
      assert.equal(errorCodes(await upload(multipart({ ...base, message: attachment("image") }, { ...file, field: "file" }))).code, 100);
      assert.equal(errorCodes(await upload(multipart({ ...base, message: attachment("image", { url: "https://example.org/x.png" }) }, file))).code, 100);
      assert.equal(errorCodes(await upload(multipart({ ...base, message: attachment("audio") }, file))).code, 100);
      assert.equal(errorCodes(await upload(multipart({ ...base, message: attachment("file") }, { ...file, data: Buffer.alloc(25 * MB + 1) }))).code, 100);
      assert.deepEqual(t.emulator.sentMedia(), []);
    });

    it("fetches at most 8 MB of an image by URL, and refuses a reply_to (the Send API has none)", async () => {
      const big = files.serve("big.png", Buffer.alloc(8 * MB + 1), "image/png");
      const byUrl = await graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: { recipient: { id: PSID }, messaging_type: "RESPONSE", message: attachment("image", { url: big }) } });
      assert.equal(errorCodes(byUrl).code, 100);
      const mid = await userWrites(t.emulator, "messenger");
      const reply = await graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "x" }, reply_to: { mid } } });
      assert.equal(errorCodes(reply).code, 100);
    });

    it("classifies react and unreact as reactions and refuses one to a message of another conversation", async () => {
      const mid = await userWrites(t.emulator, "messenger");
      t.emulator.clearSent();
      const react = (payload: Record<string, unknown>, action = "react") => graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: { recipient: { id: PSID }, sender_action: action, payload } });
      assert.deepEqual((await react({ message_id: mid, reaction: "\ud83d\ude02" })).body, { recipient_id: PSID, message_id: mid });
      assert.equal((await react({ message_id: mid }, "unreact")).status, 200);
      assert.equal(errorCodes(await react({ message_id: mid, reaction: "" })).code, 100);
      assert.equal(errorCodes(await react({ message_id: "m_elsewhere", reaction: "x" })).code, 100);
      assert.equal(t.emulator.sent({ kind: "reaction" }).length, 4);
    });
  });

  describe("Instagram", () => {
    const send = (json: unknown) => graph(t.emulator, "POST", `${IG.id}/messages`, { token: IG.token, json });
    beforeEach(() => userWrites(t.emulator, "instagram"));

    it("fetches an attachment by URL (loopback works), and answers a message with reply_to", async () => {
      const mid = await userWrites(t.emulator, "instagram", "the menu?");
      const url = files.serve("menu.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
      const answer = await send({ recipient: { id: IGSID }, message: { attachment: { type: "file", payload: { url } } }, reply_to: { mid } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(t.emulator.sentMedia().map((m) => [m.type, m.mimeType, m.source, m.url]), [["file", "application/pdf", "url", url]]);
    });

    it("refuses with code 100: filedata uploads, a reply to a message of no conversation, a type Instagram does not take, an unreachable URL", async () => {
      const form = multipart({ recipient: { id: IGSID }, message: { attachment: { type: "image", payload: {} } } }, { name: "a.png", type: "image/png", data: png });
      assert.equal(errorCodes(await graph(t.emulator, "POST", `${IG.id}/messages`, { token: IG.token, multipart: form })).code, 100);
      assert.equal(errorCodes(await send({ recipient: { id: IGSID }, message: { text: "x" }, reply_to: { mid: "aWdfNOPE" } })).code, 100);
      assert.equal(errorCodes(await send({ recipient: { id: IGSID }, message: { text: "x" }, reply_to: { mid: "x", story: {} } })).code, 100);
      const webp = files.serve("s.webp", Buffer.from("RIFF"), "image/webp");
      assert.equal(errorCodes(await send({ recipient: { id: IGSID }, message: { attachment: { type: "image", payload: { url: webp } } } })).code, 100);
      assert.equal(errorCodes(await send({ recipient: { id: IGSID }, message: { attachment: { type: "image", payload: { url: files.missing("x.png") } } } })).code, 100);
      assert.deepEqual(t.emulator.sentMedia(), []);
    });
  });

  describe("WhatsApp", () => {
    const uploadMedia = (data: Buffer, type: string) => {
      const form = new FormData();
      form.set("messaging_product", "whatsapp");
      form.set("type", type);
      form.set("file", new Blob([new Uint8Array(data)], { type }), "file");
      return graph(t.emulator, "POST", `${WA.id}/media`, { token: WA.token, multipart: form });
    };
    const send = (json: Record<string, unknown>) => graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json: { messaging_product: "whatsapp", to: WA_USER, ...json } });
    beforeEach(() => userWrites(t.emulator, "whatsapp"));

    it("takes still stickers up to 100 KB and animated ones up to 500 KB", async () => {
      const animated = Buffer.alloc(300 * 1024);
      Buffer.from("RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\x02", "latin1").copy(animated);
      assert.equal((await uploadMedia(animated, "image/webp")).status, 200);
      assert.equal(errorCodes(await uploadMedia(Buffer.alloc(150 * 1024), "image/webp")).code, 131053);
    });

    it("sends uploaded media only as its own type or as a document (131053 otherwise), and keeps the bytes", async () => {
      const pdf = String((await uploadMedia(Buffer.from("%PDF"), "application/pdf")).body.id);
      const image = String((await uploadMedia(png, "image/png")).body.id);
      assert.equal(errorCodes(await send({ type: "image", image: { id: pdf } })).code, 131053);
      assert.equal((await send({ type: "document", document: { id: image, filename: "photo.png" } })).status, 200);
      assert.deepEqual(t.emulator.sentMedia().map((m) => [m.type, m.mimeType, m.fileName, m.source, m.data.equals(png)]), [["document", "image/png", "photo.png", "upload", true]]);
    });

    it("classifies reactions and refuses a reply context to a message of no chat with 131009", async () => {
      const mid = await userWrites(t.emulator, "whatsapp");
      t.emulator.clearSent();
      assert.equal((await send({ type: "reaction", reaction: { message_id: mid, emoji: "" } })).status, 200);
      assert.deepEqual(t.emulator.sent({ kind: "reaction" }).map((r) => r.kinds), [["message", "reaction"]]);
      assert.equal(errorCodes(await send({ type: "text", text: { body: "x" }, context: { message_id: "wamid.elsewhere" } })).code, 131009);
    });
  });
});
