import { strict as assert } from "node:assert";
import type { AppserviceHandlers } from "../../../src/matrix/appservice/handlers";
import { createAppserviceApp, listen, type ListeningServer } from "../../../src/matrix/appservice/server";
import type { AppserviceTransaction } from "../../../src/matrix/appservice/transaction-body";

const HS_TOKEN = "hs-secret-token";

describe("appservice HTTP API", () => {
  let server: ListeningServer;
  let base: string;
  const accepted: { txnId: string; txn: AppserviceTransaction }[] = [];
  const seenTxnIds = new Set<string>();

  const handlers: AppserviceHandlers = {
    async acceptTransaction(txnId, txn) {
      if (seenTxnIds.has(txnId)) return "duplicate";
      seenTxnIds.add(txnId);
      accepted.push({ txnId, txn });
      return "accepted";
    },
    queryUser: async (userId) => userId === "@whatsapp_1234567:x",
    queryAlias: async (alias) => alias === "#whatsapp_a.b:x",
    protocol: (id) => (id === "whatsapp" ? { user_fields: ["phone_number"], location_fields: [], icon: "", field_types: {}, instances: [] } : undefined),
  };

  before(async () => {
    server = await listen(createAppserviceApp({ hsToken: HS_TOKEN, handlers }), "127.0.0.1", 0);
    base = `http://127.0.0.1:${server.port}`;
  });
  after(() => server.close());
  beforeEach(() => {
    accepted.length = 0;
    seenTxnIds.clear();
  });

  const auth = { authorization: `Bearer ${HS_TOKEN}` };
  const put = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(base + path, { method: "PUT", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const event = { type: "m.room.message", room_id: "!r:x", sender: "@a:x", event_id: "$1", content: { msgtype: "m.text", body: "hi" } };

  it("accepts a transaction with the token in the header or the legacy query", async () => {
    const res = await put("/_matrix/app/v1/transactions/1", { events: [event] });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {});
    const legacy = await put(`/_matrix/app/v1/transactions/2?access_token=${HS_TOKEN}`, { events: [] }, {});
    assert.equal(legacy.status, 200);
    assert.deepEqual(accepted.map((a) => a.txnId), ["1", "2"]);
    assert.equal(accepted[0]!.txn.events[0]!.event_id, "$1");
  });

  it("refuses a wrong or missing token with 403 M_FORBIDDEN and processes nothing", async () => {
    for (const headers of [{ authorization: "Bearer wrong" }, {}, { authorization: HS_TOKEN }] as Record<string, string>[]) {
      const res = await put("/_matrix/app/v1/transactions/3", { events: [event] }, headers);
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as { errcode: string }).errcode, "M_FORBIDDEN");
    }
    const users = await fetch(`${base}/_matrix/app/v1/users/@whatsapp_1234567:x?access_token=nope`);
    assert.equal(users.status, 403);
    assert.equal(accepted.length, 0);
  });

  it("acknowledges a replayed transaction", async () => {
    assert.equal((await put("/_matrix/app/v1/transactions/7", { events: [event] })).status, 200);
    assert.equal((await put("/_matrix/app/v1/transactions/7", { events: [event] })).status, 200);
    assert.equal(accepted.length, 1);
  });

  it("refuses malformed JSON and malformed events with 400", async () => {
    const notJson = await fetch(base + "/_matrix/app/v1/transactions/8", { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: "{" });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { errcode: string }).errcode, "M_NOT_JSON");
    const bad = await put("/_matrix/app/v1/transactions/9", { events: [{ type: "m.room.message" }] });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { errcode: string }).errcode, "M_BAD_JSON");
    assert.equal(accepted.length, 0);
  });

  it("answers user and alias queries: 200 for ours, 404 M_NOT_FOUND otherwise", async () => {
    const get = (path: string) => fetch(base + path, { headers: auth });
    assert.equal((await get("/_matrix/app/v1/users/%40whatsapp_1234567%3Ax")).status, 200);
    const missing = await get("/_matrix/app/v1/users/%40nobody%3Ax");
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { errcode: string }).errcode, "M_NOT_FOUND");
    assert.equal((await get("/_matrix/app/v1/rooms/%23whatsapp_a.b%3Ax")).status, 200);
    assert.equal((await get("/_matrix/app/v1/rooms/%23other%3Ax")).status, 404);
  });

  it("describes known third-party protocols and 404s unknown ones", async () => {
    const known = await fetch(base + "/_matrix/app/v1/thirdparty/protocol/whatsapp", { headers: auth });
    assert.equal(known.status, 200);
    assert.deepEqual(((await known.json()) as { user_fields: string[] }).user_fields, ["phone_number"]);
    const unknown = await fetch(base + "/_matrix/app/v1/thirdparty/protocol/irc", { headers: auth });
    assert.equal(unknown.status, 404);
  });

  it("answers the homeserver's ping, and /health without a token", async () => {
    const ping = await fetch(base + "/_matrix/app/v1/ping", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ transaction_id: "t" }) });
    assert.equal(ping.status, 200);
    assert.equal((await fetch(base + "/health")).status, 200);
    const other = await fetch(base + "/_matrix/app/v1/nothing", { headers: auth });
    assert.equal(((await other.json()) as { errcode: string }).errcode, "M_UNRECOGNIZED");
  });
});
