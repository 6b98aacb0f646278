import { strict as assert } from "node:assert";
import { errorCodes, graph, graphError } from "./support/graph-client";
import { IG, IGSID, PAGE, PSID, startTestEmulator, userWrites, WA, WA_OTHER, WA_USER, type TestEmulator } from "./support/emulator-fixture";

describe("emulator: injected failures", () => {
  let t: TestEmulator;
  const waText = { messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "hi" } };
  const sendWhatsApp = (accountId = WA.id, token = WA.token) => graph(t.emulator, "POST", `${accountId}/messages`, { token, json: waText });
  const sendMessenger = () => graph(t.emulator, "POST", `${PAGE.id}/messages`, { token: PAGE.token, json: { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "hi" } } });

  beforeEach(async () => {
    t = await startTestEmulator();
    await userWrites(t.emulator, "whatsapp");
    await userWrites(t.emulator, "messenger");
  });

  afterEach(() => t.emulator.stop());

  it("answers the next matching request with the injected Graph error, then behaves again", async () => {
    t.emulator.injectFailure({ network: "whatsapp", code: 130429, message: "(#130429) Rate limit hit" });
    const failed = await sendWhatsApp();
    assert.deepEqual(errorCodes(failed), { status: 429, code: 130429, subcode: undefined });
    assert.equal(graphError(failed).message, "(#130429) Rate limit hit");
    assert.equal((await sendWhatsApp()).status, 200);
  });

  it("honours times, status, subcode and type, and matches by network and account", async () => {
    t.emulator.injectFailure({ network: "messenger", accountId: PAGE.id, code: 2, subcode: 2018344, status: 500, type: "FacebookApiException", times: 2 });
    assert.equal((await sendWhatsApp()).status, 200, "another network is untouched");
    for (let i = 0; i < 2; i++) {
      const failed = await sendMessenger();
      assert.deepEqual(errorCodes(failed), { status: 500, code: 2, subcode: 2018344 });
      assert.equal(graphError(failed).type, "FacebookApiException");
    }
    assert.equal((await sendMessenger()).status, 200);
  });

  it("matches on accountId and pathIncludes", async () => {
    t.emulator.injectFailure({ accountId: WA_OTHER.id, code: 131000 });
    t.emulator.injectFailure({ pathIncludes: `/${IGSID}`, code: 1 });
    assert.equal((await sendWhatsApp()).status, 200);
    const other = await sendWhatsApp(WA_OTHER.id, WA_OTHER.token);
    assert.deepEqual(errorCodes(other), { status: 500, code: 131000, subcode: undefined });
    await userWrites(t.emulator, "instagram");
    assert.equal(errorCodes(await graph(t.emulator, "GET", IGSID, { token: IG.token })).code, 1);
  });

  it("drops the connection for transport: reset, and records the request with status 0", async () => {
    t.emulator.injectFailure({ network: "whatsapp", code: 0, transport: "reset" });
    await assert.rejects(sendWhatsApp(), (err: Error) => {
      const cause = (err as Error & { cause?: { code?: string } }).cause;
      assert.match(`${err.message} ${cause?.code ?? ""}`, /fetch failed|ECONNRESET|socket/i);
      return true;
    });
    const [dropped] = t.emulator.sent({ network: "whatsapp", kind: "message" }).filter((r) => r.status === 0);
    assert.ok(dropped, "the dropped request is recorded");
    assert.equal(dropped.response, null);
    assert.equal((await sendWhatsApp()).status, 200, "the next request is served");
  });

  it("forgets pending failures on clearFailures()", async () => {
    t.emulator.injectFailure({ code: 4, times: 5 });
    t.emulator.clearFailures();
    assert.equal((await sendWhatsApp()).status, 200);
  });

  it("refuses malformed failures", () => {
    assert.throws(() => t.emulator.injectFailure({ code: 1.5 }), /integer code/);
    assert.throws(() => t.emulator.injectFailure({ code: 1, times: 0 }), /positive/);
  });
});
