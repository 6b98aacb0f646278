import { strict as assert } from "node:assert";
import express from "express";
import { NetworkError } from "../../../src/core/networks/network-error";
import { downloadAvatar } from "../../../src/networks/meta/avatar-download";
import { serveRouter } from "./local-server";

describe("avatar download", () => {
  let base: string;
  const seenAuth: (string | undefined)[] = [];
  const png = Buffer.from("89504e470d0a1a0a", "hex");

  before(async () => {
    const router = express.Router();
    router.get("/ok.png", (req, res) => {
      seenAuth.push(req.get("authorization"));
      res.type("image/png").send(png);
    });
    router.get("/page.html", (_req, res) => void res.type("text/html").send("<html>"));
    router.get("/big.jpg", (_req, res) => void res.type("image/jpeg").send(Buffer.alloc(2048)));
    router.get("/streamed.jpg", (_req, res) => {
      res.type("image/jpeg");
      res.write(Buffer.alloc(1500));
      res.end(Buffer.alloc(1500));
    });
    router.get("/gone.jpg", (_req, res) => void res.status(404).send("no"));
    base = await serveRouter(router, "/cdn");
  });

  const get = (path: string, maxBytes = 1024) => downloadAvatar(base + path, { fetch, timeoutMs: 5000, maxBytes, label: "Messenger" });

  it("downloads an image with a plain GET (no token sent to the CDN)", async () => {
    assert.deepEqual(await get("/ok.png"), { data: png, mimeType: "image/png" });
    assert.deepEqual(seenAuth, [undefined]);
  });

  it("refuses what is not an image, too large (declared or read), missing, or not http(s)", async () => {
    await assert.rejects(get("/page.html"), (e: unknown) => e instanceof NetworkError && e.reason === "unsupported" && /not an image/.test(e.userMessage));
    await assert.rejects(get("/big.jpg"), (e: unknown) => e instanceof NetworkError && /larger than/.test(e.userMessage));
    await assert.rejects(get("/streamed.jpg", 2000), (e: unknown) => e instanceof NetworkError && /larger than/.test(e.userMessage));
    await assert.rejects(get("/gone.jpg"), (e: unknown) => e instanceof NetworkError && /HTTP 404/.test(e.userMessage));
    await assert.rejects(downloadAvatar("file:///etc/passwd", { fetch, timeoutMs: 1000, label: "Messenger" }), (e: unknown) => e instanceof NetworkError && e.reason === "invalid");
  });
});
