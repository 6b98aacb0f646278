import { strict as assert } from "node:assert";
import type { RecordedRequest, SentTemplate, StoredTemplate } from "../../../src/emulator";
import { errorCodes, graph } from "./support/graph-client";
import { PAGE, PSID, startTestEmulator, WA, WA_USER, type TestEmulator } from "./support/emulator-fixture";

async function control(t: TestEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${t.emulator.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe("emulator: control API over HTTP", () => {
  let t: TestEmulator;
  const sendMessenger = () => graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "hi" } } });

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  it("POST /_emulator/inbound delivers a signed webhook and answers the bridge's status and the message id", async () => {
    const answer = await control(t, "POST", "/inbound", { network: "messenger", accountId: PAGE.id, from: PSID, text: "via HTTP" });
    assert.equal(answer.status, 200);
    const result = answer.body as { status: number; body: string; messageId: string };
    assert.deepEqual([result.status, result.body], [200, "EVENT_RECEIVED"]);
    assert.ok(t.receiver.posts("/webhooks/messenger")[0]!.raw.toString().includes(result.messageId));
    assert.equal((await sendMessenger()).status, 200, "the window is open");
  });

  it("refuses malformed control input with 400", async () => {
    assert.equal((await control(t, "POST", "/inbound", { network: "myspace", accountId: "1", from: "2", text: "x" })).status, 400);
    assert.equal((await control(t, "POST", "/inbound", { network: "messenger", accountId: "nope", from: PSID, text: "x" })).status, 400);
    assert.equal((await control(t, "POST", "/inbound", { network: "messenger", accountId: PAGE.id, from: PSID, text: "x", colour: "red" })).status, 400);
    assert.equal((await control(t, "POST", "/failures", { code: "many" })).status, 400);
    assert.equal((await control(t, "GET", "/nothing-here")).status, 404);
  });

  it("GET /_emulator/sent lists recorded requests, filtered by network and kind; DELETE clears them", async () => {
    await t.emulator.inbound({ network: "whatsapp", accountId: WA.id, from: WA_USER, text: "hi" });
    await graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json: { messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "x" } } });
    await graph(t.emulator, "GET", PSID, { token: PAGE.token });
    const all = (await control(t, "GET", "/sent")).body as RecordedRequest[];
    assert.equal(all.length, 2);
    const messages = (await control(t, "GET", "/sent?network=whatsapp&kind=message")).body as RecordedRequest[];
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.status, 200);
    assert.equal((await control(t, "DELETE", "/sent")).status, 204);
    assert.deepEqual((await control(t, "GET", "/sent")).body, []);
  });

  it("POST and DELETE /_emulator/failures inject and clear failures", async () => {
    await t.emulator.inbound({ network: "messenger", accountId: PAGE.id, from: PSID, text: "hi" });
    assert.equal((await control(t, "POST", "/failures", { network: "messenger", code: 613, times: 3 })).status, 201);
    assert.equal(errorCodes(await sendMessenger()).code, 613);
    assert.equal((await control(t, "DELETE", "/failures")).status, 204);
    assert.equal((await sendMessenger()).status, 200);
  });

  it("POST /_emulator/clock moves time forward and closes the window", async () => {
    await t.emulator.inbound({ network: "messenger", accountId: PAGE.id, from: PSID, text: "hi" });
    const before = t.emulator.now();
    const answer = await control(t, "POST", "/clock", { advanceMs: 25 * 60 * 60 * 1000 });
    assert.equal(answer.status, 200);
    assert.ok((answer.body as { now: number }).now >= before + 25 * 60 * 60 * 1000);
    assert.equal(errorCodes(await sendMessenger()).subcode, 2018278);
  });

  it("GET /_emulator describes the accounts without their secrets, WhatsApp numbers with their WABA", async () => {
    const answer = await control(t, "GET", "");
    const text = JSON.stringify(answer.body);
    assert.ok(text.includes(PAGE.id));
    assert.ok(!text.includes(PAGE.token) && !text.includes("secret"));
    const accounts = (answer.body as { accounts: { id: string; wabaId?: string }[] }).accounts;
    assert.equal(accounts.find((a) => a.id === WA.id)?.wabaId, WA.wabaId);
    assert.equal(accounts.find((a) => a.id === PAGE.id)?.wabaId, undefined);
  });

  it("GET, POST and DELETE /_emulator/templates manage a WABA's templates; GET /_emulator/sent-templates shows what people read", async () => {
    const listed = (await control(t, "GET", `/templates?wabaId=${WA.wabaId}`)).body as StoredTemplate[];
    assert.ok(listed.some((x) => x.name === "hello_world" && x.language === "en_US" && x.status === "APPROVED"));
    const created = await control(t, "POST", "/templates", { wabaId: WA.wabaId, name: "pickup_ready", language: "en_US", category: "UTILITY", body: "Your order {{1}} is ready." });
    assert.equal(created.status, 201);
    assert.equal((created.body as StoredTemplate).status, "APPROVED");
    const send = () =>
      graph(t.emulator, "POST", `${WA.id}/messages`, {
        token: WA.token,
        json: { messaging_product: "whatsapp", to: WA_USER, type: "template", template: { name: "pickup_ready", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "#7" }] }] } },
      });
    assert.equal((await send()).status, 200);
    const sent = (await control(t, "GET", `/sent-templates?accountId=${WA.id}`)).body as SentTemplate[];
    assert.deepEqual(sent.map((x) => [x.name, x.rendered]), [["pickup_ready", "Your order #7 is ready."]]);
    assert.equal((await control(t, "POST", "/templates", { wabaId: WA.wabaId, name: "pickup_ready", language: "en_US", status: "PAUSED", body: "Your order {{1}} is ready." })).status, 201);
    assert.equal(errorCodes(await send()).code, 132015);
    assert.equal((await control(t, "DELETE", `/templates?wabaId=${WA.wabaId}&name=pickup_ready&language=en_US`)).status, 204);
    assert.equal(errorCodes(await send()).code, 132001);
    assert.equal((await control(t, "DELETE", `/templates?wabaId=${WA.wabaId}&name=pickup_ready&language=en_US`)).status, 404);
  });

  it("refuses bad template input with 400", async () => {
    assert.equal((await control(t, "POST", "/templates", { wabaId: WA.wabaId, name: "x", language: "en_US" })).status, 400, "no body");
    assert.equal((await control(t, "POST", "/templates", { wabaId: WA.wabaId, name: "x", language: "en_US", body: "b", status: "MAYBE" })).status, 400);
    assert.equal((await control(t, "POST", "/templates", { wabaId: WA.wabaId, name: "Not Valid", language: "en_US", body: "b" })).status, 400);
    assert.equal((await control(t, "POST", "/templates", { wabaId: WA.wabaId, name: "x", language: "en_US", body: "b", colour: "red" })).status, 400);
    assert.equal((await control(t, "DELETE", `/templates?wabaId=${WA.wabaId}`)).status, 400);
  });
});
