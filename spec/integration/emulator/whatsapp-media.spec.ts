import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { errorCodes, graph } from "./support/graph-client";
import { startTestEmulator, userWrites, WA, WA_OTHER, WA_USER, type TestEmulator } from "./support/emulator-fixture";

function upload(bytes: Buffer, mimeType: string, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", mimeType);
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  form.set("file", new Blob([new Uint8Array(bytes)], { type: mimeType }), "file.bin");
  return form;
}

describe("emulator: WhatsApp media", () => {
  let t: TestEmulator;
  const bytes = Buffer.from("%PDF-1.4 not really a pdf, but bytes all the same\n");

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  async function uploaded(): Promise<string> {
    const answer = await graph(t.emulator, "POST", `${WA.id}/media`, { token: WA.token, multipart: upload(bytes, "application/pdf") });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.match(String(answer.body.id), /^\d+$/);
    return String(answer.body.id);
  }

  it("uploads multipart media, describes it, and serves the bytes at its URL with the bearer token", async () => {
    const id = await uploaded();
    const described = await graph(t.emulator, "GET", id, { token: WA.token });
    assert.equal(described.status, 200, JSON.stringify(described.body));
    assert.equal(described.body.messaging_product, "whatsapp");
    assert.equal(described.body.mime_type, "application/pdf");
    assert.equal(described.body.sha256, createHash("sha256").update(bytes).digest("hex"));
    assert.equal(described.body.file_size, bytes.length);
    assert.equal(described.body.id, id);
    const download = await fetch(String(described.body.url), { headers: { Authorization: `Bearer ${WA.token}` } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get("content-type"), "application/pdf");
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);
    assert.equal(t.emulator.sent({ kind: "media" }).length, 3);
  });

  it("refuses the download without the token (401), with another number's token (401), and after five minutes (404)", async () => {
    const id = await uploaded();
    const { body } = await graph(t.emulator, "GET", id, { token: WA.token });
    const url = String(body.url);
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${WA_OTHER.token}` } })).status, 401);
    t.emulator.advanceClock(5 * 60 * 1000 + 1000);
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${WA.token}` } })).status, 404);
    const fresh = await graph(t.emulator, "GET", id, { token: WA.token });
    assert.equal((await fetch(String(fresh.body.url), { headers: { Authorization: `Bearer ${WA.token}` } })).status, 200, "a fresh URL works again");
  });

  it("sends an uploaded image by id", async () => {
    await userWrites(t.emulator, "whatsapp");
    const png = await graph(t.emulator, "POST", `${WA.id}/media`, { token: WA.token, multipart: upload(Buffer.from("\x89PNG fake"), "image/png") });
    const answer = await graph(t.emulator, "POST", `${WA.id}/messages`, {
      token: WA.token,
      json: { messaging_product: "whatsapp", to: WA_USER, type: "image", image: { id: png.body.id, caption: "look" } },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  });

  it("refuses unsupported types and oversized files with 131053, and extra fields with 100", async () => {
    const exe = await graph(t.emulator, "POST", `${WA.id}/media`, { token: WA.token, multipart: upload(bytes, "application/x-msdownload") });
    assert.equal(errorCodes(exe).code, 131053);
    const huge = await graph(t.emulator, "POST", `${WA.id}/media`, { token: WA.token, multipart: upload(Buffer.alloc(5 * 1024 * 1024 + 1), "image/jpeg") });
    assert.equal(errorCodes(huge).code, 131053);
    const extra = await graph(t.emulator, "POST", `${WA.id}/media`, { token: WA.token, multipart: upload(bytes, "application/pdf", { caption: "x" }) });
    assert.equal(errorCodes(extra).code, 100);
  });

  it("keeps media private to the number that uploaded it, and forgets it when deleted", async () => {
    const id = await uploaded();
    assert.equal(errorCodes(await graph(t.emulator, "GET", id, { token: WA_OTHER.token })).code, 100);
    const deleted = await graph(t.emulator, "DELETE", id, { token: WA.token });
    assert.deepEqual([deleted.status, deleted.body], [200, { success: true }]);
    assert.deepEqual(errorCodes(await graph(t.emulator, "GET", id, { token: WA.token })), { status: 400, code: 100, subcode: 33 });
  });
});
