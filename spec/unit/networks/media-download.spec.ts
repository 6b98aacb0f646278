import { strict as assert } from "node:assert";
import express from "express";
import { NetworkError } from "../../../src/core/networks/network-error";
import { downloadMediaFile, MediaHttpStatusError } from "../../../src/networks/meta/media-download";
import { downloadWhatsAppMedia, type WhatsAppMediaSource } from "../../../src/networks/whatsapp/media-download";
import { serveRouter } from "./local-server";

describe("media downloads", () => {
  let base: string;
  const seenAuth: (string | undefined)[] = [];
  const pdf = Buffer.from("%PDF-1.4 bytes\r\n\0");

  before(async () => {
    const router = express.Router();
    router.get("/file.pdf", (req, res) => {
      seenAuth.push(req.get("authorization"));
      res.type("application/pdf").send(pdf);
    });
    router.get("/error.html", (_req, res) => void res.type("text/html").send("<html>login</html>"));
    router.get("/big.bin", (_req, res) => void res.type("application/octet-stream").send(Buffer.alloc(4096)));
    router.get("/gone", (_req, res) => void res.status(404).send("no"));
    router.get("/broken", (_req, res) => void res.status(502).send("bad gateway"));
    base = await serveRouter(router, "/cdn");
  });
  beforeEach(() => {
    seenAuth.length = 0;
  });

  const options = { fetch, timeoutMs: 5000, maxBytes: 1024, label: "Messenger", acceptType: (type: string) => type !== "text/html" };
  const rejects = (promise: Promise<unknown>, reason: string, message: RegExp) =>
    assert.rejects(promise, (e: unknown) => e instanceof NetworkError && e.reason === reason && message.test(e.userMessage));

  it("downloads the bytes and their type with a plain GET", async () => {
    assert.deepEqual(await downloadMediaFile(`${base}/file.pdf`, options), { data: pdf, mimeType: "application/pdf" });
    assert.deepEqual(seenAuth, [undefined]);
  });

  it("refuses an error page, a file over the cap, a missing file (404, telling WhatsApp to refresh), a 5xx, an unreachable host and a non-http URL", async () => {
    await rejects(downloadMediaFile(`${base}/error.html`, options), "invalid", /served something other than the file/);
    await rejects(downloadMediaFile(`${base}/big.bin`, options), "unsupported", /larger than 1 KB/);
    await assert.rejects(downloadMediaFile(`${base}/gone`, options), (e: unknown) => e instanceof MediaHttpStatusError && e.status === 404 && e.userMessage === "The file is no longer available from Messenger (HTTP 404).");
    await rejects(downloadMediaFile(`${base}/broken`, options), "temporary", /HTTP 502/);
    await rejects(downloadMediaFile("http://127.0.0.1:1/x", options), "temporary", /could not be downloaded from Messenger; try again later/);
    await rejects(downloadMediaFile("file:///etc/passwd", options), "invalid", /not an http\(s\) URL/);
  });

  describe("WhatsApp", () => {
    function source(answers: unknown[], extra: Partial<WhatsAppMediaSource> = {}): WhatsAppMediaSource & { asked: number } {
      const state = { asked: 0 };
      return Object.assign(state, {
        describe: async () => answers[Math.min(state.asked++, answers.length - 1)],
        fetch,
        timeoutMs: 5000,
        accessToken: "wa-token",
        graphOrigin: new URL(base).origin,
        ...extra,
      });
    }

    it("downloads the URL Graph gave with the bearer token, keeping the announced type and the file name", async () => {
      const src = source([{ url: `${base}/file.pdf`, mime_type: "application/pdf", file_size: String(pdf.length), id: "1" }]);
      assert.deepEqual(await downloadWhatsAppMedia({ kind: "file", ref: "1", fileName: "a.pdf" }, src), { data: pdf, mimeType: "application/pdf", fileName: "a.pdf" });
      assert.deepEqual(seenAuth, ["Bearer wa-token"]);
    });

    it("never sends the token over plain http to another origin than the Graph API's", async () => {
      const src = source([{ url: `${base}/file.pdf` }], { graphOrigin: "https://graph.facebook.com" });
      await rejects(downloadWhatsAppMedia({ kind: "file", ref: "1" }, src), "invalid", /will not send its token/);
      assert.deepEqual(seenAuth, []);
    });

    it("asks again once when the URL is gone (404), then gives up", async () => {
      const src = source([{ url: `${base}/gone` }, { url: `${base}/gone` }]);
      await assert.rejects(downloadWhatsAppMedia({ kind: "image", ref: "1" }, src), (e: unknown) => e instanceof MediaHttpStatusError && e.status === 404);
      assert.equal(src.asked, 2);
    });

    it("refuses a file Meta announces over 100 MB before downloading, and one that arrives incomplete", async () => {
      await rejects(downloadWhatsAppMedia({ kind: "file", ref: "1" }, source([{ url: `${base}/file.pdf`, file_size: 200 * 1024 * 1024 }])), "unsupported", /200 MB/);
      assert.deepEqual(seenAuth, []);
      await rejects(downloadWhatsAppMedia({ kind: "file", ref: "1" }, source([{ url: `${base}/file.pdf`, file_size: 9999 }])), "temporary", /incomplete/);
      await rejects(downloadWhatsAppMedia({ kind: "file", ref: "1" }, source([{ id: "1" }])), "unknown", /no address/);
    });
  });
});
