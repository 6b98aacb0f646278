import { strict as assert } from "node:assert";
import express from "express";
import type { NetworkId, RemoteEvent, RemoteEventSink } from "../../../src/core/networks/connector";
import { createMetaConnector } from "../../../src/networks/meta/create-connector";
import { signBody } from "../../../src/networks/meta/webhook-signature";
import { messengerDescriptor } from "../../../src/networks/messenger/descriptor";
import { serveRouter } from "./local-server";
import { settings } from "./fake-graph";
import { asMessage, idOf } from "./remote-events";

class RecordingSink implements RemoteEventSink {
  batches: { network: NetworkId; events: RemoteEvent[] }[] = [];
  failWith: Error | undefined;
  async accept(network: NetworkId, events: RemoteEvent[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.batches.push({ network, events });
  }
}

const PSID = "6543210987654321";
const delivery = (account: string, text: string, mid = "m_1") =>
  JSON.stringify({ object: "page", entry: [{ id: account, time: 1, messaging: [{ sender: { id: PSID }, recipient: { id: account }, timestamp: 1700000000000, message: { mid, text } }] }] });

/** Meta's way of writing JSON: non-ASCII as lowercase \\uXXXX escapes, "/" as "\\/". */
function metaEscaped(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")).replace(/\//g, "\\/");
}

describe("webhook router", () => {
  let url: string;
  const sink = new RecordingSink();
  let now = 1_000_000;
  const connector = createMetaConnector(messengerDescriptor, settings(), { now: () => now });

  before(async () => {
    url = await serveRouter(connector.webhookRoutes(), "/webhooks/messenger");
  });
  beforeEach(() => {
    sink.batches = [];
    sink.failWith = undefined;
  });

  /** `signature` null sends none */
  const post = (body: string | Buffer, signature: string | null = signBody(body, "app-secret")) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(signature === null ? {} : { "x-hub-signature-256": signature }) }, body });

  it("answers 503 while the connector has not started, so Meta retries", async () => {
    const response = await post(delivery("1000001", "early"));
    assert.equal(response.status, 503);
  });

  describe("once started", () => {
    before(() => connector.start(sink));

    it("answers the verification handshake with the bare challenge", async () => {
      const ok = await fetch(`${url}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me`);
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get("content-type") ?? "", /^text\/plain/);
      assert.equal(await ok.text(), "1158201444");
      for (const query of ["hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong", "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-me", "hub.challenge=1&hub.verify_token=verify-me", "hub.mode=subscribe&hub.verify_token=verify-me", ""]) {
        const refused = await fetch(`${url}?${query}`);
        assert.equal(refused.status, 403, query);
        assert.notEqual(await refused.text(), "1");
      }
    });

    it("hands a signed delivery to the sink before answering 200", async () => {
      const response = await post(delivery("1000001", "hello"));
      assert.equal(response.status, 200);
      assert.deepEqual(sink.batches, [
        { network: "messenger", events: [{ kind: "message", chat: { network: "messenger", chatId: PSID, receiver: "1000001" }, sender: { id: PSID }, messageId: "m_1", timestamp: 1700000000000, content: [{ t: "text", text: "hello" }] }] },
      ]);
    });

    it("checks the signature over the exact bytes Meta sent (escaped non-ASCII)", async () => {
      const body = metaEscaped(delivery("1000001", "héllo 👋 a/b"));
      assert.ok(body.includes("\\u00e9") && body.includes("\\ud83d"));
      const response = await post(body);
      assert.equal(response.status, 200);
      assert.equal((asMessage(sink.batches[0]!.events[0]).content[0] as { text: string }).text, "héllo 👋 a/b");
    });

    it("refuses a missing signature with 401 and a wrong or malformed one with 403, storing nothing", async () => {
      const body = delivery("1000001", "x");
      assert.equal((await post(body, null)).status, 401);
      assert.equal((await post(body, "")).status, 401);
      assert.equal((await post(body, signBody(body, "other-secret"))).status, 403);
      assert.equal((await post(body, "sha256=zz")).status, 403);
      assert.equal((await post(body, signBody(body, "app-secret").replace("sha256=", "sha1="))).status, 403);
      assert.equal((await post(body + " ", signBody(body, "app-secret"))).status, 403);
      assert.deepEqual(sink.batches, []);
    });

    it("refuses a body over 4 MB with 413 before anything else", async () => {
      const big = Buffer.alloc(4 * 1024 * 1024 + 10, 0x20);
      const response = await post(big);
      assert.equal(response.status, 413);
      assert.deepEqual(sink.batches, []);
    });

    it("refuses a signed body that is not a JSON object with 400", async () => {
      assert.equal((await post("{not json")).status, 400);
      assert.equal((await post("[1,2]")).status, 400);
      assert.deepEqual(sink.batches, []);
    });

    it("acknowledges deliveries with nothing for us without calling the sink", async () => {
      const statusOnly = JSON.stringify({ object: "page", entry: [{ id: "1000001", messaging: [{ sender: { id: PSID }, recipient: { id: "1000001" }, postback: { title: "Start", payload: "GET_STARTED" } }] }] });
      const otherObject = JSON.stringify({ object: "user", entry: [{ id: "1", changes: [{ field: "feed" }] }] });
      for (const body of [statusOnly, otherObject, JSON.stringify({}), JSON.stringify({ object: "page", entry: "??" })]) {
        assert.equal((await post(body)).status, 200, body);
      }
      assert.deepEqual(sink.batches, []);
    });

    it("drops events for accounts that are not configured, keeps the rest", async () => {
      const body = JSON.stringify({
        object: "page",
        entry: [
          { id: "9999999", messaging: [{ sender: { id: PSID }, recipient: { id: "9999999" }, timestamp: 5, message: { mid: "m_other", text: "not ours" } }] },
          { id: "1000002", messaging: [{ sender: { id: PSID }, recipient: { id: "1000002" }, timestamp: 6, message: { mid: "m_ours", text: "ours" } }] },
        ],
      });
      assert.equal((await post(body)).status, 200);
      assert.deepEqual(sink.batches.flatMap((b) => b.events.map(idOf)), ["m_ours"]);
    });

    it("answers 500 when the sink cannot store the events, so Meta retries", async () => {
      sink.failWith = new Error("database is locked");
      assert.equal((await post(delivery("1000001", "retry me"))).status, 500);
    });

    it("passes a duplicate delivery to the sink again (the core dedupes by message id)", async () => {
      const body = delivery("1000001", "twice", "m_dup");
      assert.equal((await post(body)).status, 200);
      assert.equal((await post(body)).status, 200);
      assert.deepEqual(sink.batches.map((b) => idOf(b.events[0]!)), ["m_dup", "m_dup"]);
    });

    it("reports the last webhook in the status", async () => {
      now += 3 * 60_000;
      assert.deepEqual(connector.status(), { state: "running", detail: "running — 2 accounts; last webhook 3 min ago" });
    });
  });
});

describe("webhook router behind another body parser", () => {
  it("answers 500 rather than checking a signature over bytes it no longer has", async () => {
    const connector = createMetaConnector(messengerDescriptor, settings());
    await connector.start({ accept: async () => undefined });
    const wrapper = express.Router();
    wrapper.use(express.json(), connector.webhookRoutes());
    const url = await serveRouter(wrapper, "/webhooks/messenger");
    const body = delivery("1000001", "x");
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, "app-secret") }, body });
    assert.equal(response.status, 500);
  });
});
