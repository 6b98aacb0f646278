import { strict as assert } from "node:assert";
import { startGraphEmulator, type StoredTemplate } from "../../../src/emulator";
import { registerTeardown } from "../../support/fixtures";
import { errorCodes, graph, graphError, type GraphAnswer } from "./support/graph-client";
import { PAGE, startTestEmulator, userWrites, WA, WA_OTHER, WA_USER, type TestEmulator } from "./support/emulator-fixture";

const HOUR = 60 * 60 * 1000;

type Json = Record<string, unknown>;

function template(name: string, language: string, components?: unknown[]): Json {
  return { messaging_product: "whatsapp", recipient_type: "individual", to: WA_USER, type: "template", template: { name, language: { code: language }, ...(components ? { components } : {}) } };
}

const body = (...texts: string[]) => [{ type: "body", parameters: texts.map((text) => ({ type: "text", text })) }];

describe("emulator: WhatsApp message templates", () => {
  let t: TestEmulator;
  const list = (query: Record<string, string> = {}, token = WA.token, waba = WA.wabaId) => graph(t.emulator, "GET", `${waba}/message_templates`, { token, query });
  const send = (json: Json) => graph(t.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json });
  const codeOf = async (answer: Promise<GraphAnswer>) => errorCodes(await answer).code;

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  describe("GET /{waba_id}/message_templates", () => {
    it("lists the demo templates of a WABA with Meta's default fields", async () => {
      const answer = await list();
      assert.equal(answer.status, 200);
      const data = answer.body.data as Json[];
      assert.deepEqual(
        data.map((entry) => `${String(entry.name)}/${String(entry.language)}/${String(entry.status)}`),
        ["hello_world/en_US/APPROVED", "order_update/en_US/APPROVED", "follow_up/en_US/APPROVED", "follow_up/de/APPROVED", "appointment_reminder/en_US/APPROVED", "seasonal_offer/en_US/PENDING"],
      );
      const order = data[1]!;
      assert.deepEqual(Object.keys(order).sort(), ["category", "components", "id", "language", "name", "parameter_format", "status"]);
      assert.deepEqual(order.components, [
        { type: "BODY", text: "Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}.", example: { body_text: [["example 1", "example 2", "example 3"]] } },
      ]);
      assert.equal(order.parameter_format, "POSITIONAL");
      assert.equal(data[4]!.parameter_format, "NAMED");
      assert.ok(!("paging" in answer.body && (answer.body.paging as Json).next), "one page holds them all");
    });

    it("pages with limit, cursors and next/previous URLs", async () => {
      const first = await list({ limit: "2", fields: "name,language" });
      assert.deepEqual(first.body.data, [
        { name: "hello_world", language: "en_US" },
        { name: "order_update", language: "en_US" },
      ]);
      const paging = first.body.paging as { cursors: { before: string; after: string }; next: string; previous?: string };
      assert.equal(paging.previous, undefined);
      const next = new URL(paging.next);
      assert.equal(next.pathname, `/v26.0/${WA.wabaId}/message_templates`);
      assert.deepEqual(Object.fromEntries(next.searchParams), { limit: "2", fields: "name,language", after: paging.cursors.after });
      const second = await list(Object.fromEntries(next.searchParams));
      assert.deepEqual((second.body.data as Json[]).map((entry) => `${String(entry.name)}/${String(entry.language)}`), ["follow_up/en_US", "follow_up/de"]);
      const back = new URL((second.body.paging as { previous: string }).previous);
      assert.deepEqual((await list(Object.fromEntries(back.searchParams))).body.data, first.body.data);
      const last = await list({ limit: "2", after: ((await list(Object.fromEntries(new URL((second.body.paging as { next: string }).next).searchParams))).body.paging as { cursors: { after: string } }).cursors.after });
      assert.deepEqual(last.body, { data: [] });
    });

    it("filters by status, name, language and category", async () => {
      const names = async (query: Record<string, string>) => ((await list({ ...query, fields: "name,language" })).body.data as Json[]).map((e) => `${String(e.name)}/${String(e.language)}`);
      assert.deepEqual(await names({ status: "PENDING" }), ["seasonal_offer/en_US"]);
      assert.deepEqual(await names({ name: "follow_up" }), ["follow_up/en_US", "follow_up/de"]);
      assert.deepEqual(await names({ language: "de" }), ["follow_up/de"]);
      assert.deepEqual(await names({ category: "MARKETING" }), ["seasonal_offer/en_US"]);
    });

    it("needs the token of a number in that WABA: another WABA's token gets 100/33, an unknown token 190, an unknown WABA 100/33", async () => {
      assert.deepEqual(errorCodes(await list({}, WA_OTHER.token)), { status: 400, code: 100, subcode: 33 });
      assert.equal(await codeOf(list({}, "not-a-token")), 190);
      assert.equal(await codeOf(graph(t.emulator, "GET", `${WA.wabaId}/message_templates`)), 104);
      assert.deepEqual(errorCodes(await list({}, WA.token, "555555555555555")), { status: 400, code: 100, subcode: 33 });
      assert.deepEqual(errorCodes(await list({}, PAGE.token)), { status: 400, code: 100, subcode: 33 }, "a Page's token reads no WABA");
      assert.equal((await list({}, WA.token)).status, 200);
    });

    it("refuses unknown fields and parameters, bad limits and bad cursors with 100", async () => {
      assert.match(String(graphError(await list({ fields: "name,colour" })).message), /nonexisting field \(colour\)/);
      assert.equal(await codeOf(list({ sort: "name" })), 100);
      assert.equal(await codeOf(list({ limit: "0" })), 100);
      assert.equal(await codeOf(list({ limit: "ten" })), 100);
      assert.equal(await codeOf(list({ after: "not-a-cursor" })), 100);
    });

    it("records listings as requests of kind template", async () => {
      await list();
      assert.deepEqual(
        t.emulator.sent({ kind: "template" }).map((r) => [r.method, r.accountId, r.status]),
        [["GET", WA.id, 200]],
      );
    });

    it("lists a WABA's configured templates instead of the demo ones", async () => {
      const custom = await startTestEmulator({ templates: { [WA.wabaId]: [{ name: "only_one", language: "pt_BR", category: "MARKETING", body: "Olá {{1}}" }] } });
      const answer = await graph(custom.emulator, "GET", `${WA.wabaId}/message_templates`, { token: WA.token, query: { fields: "name,language,status,category" } });
      assert.deepEqual(answer.body.data, [{ name: "only_one", language: "pt_BR", status: "APPROVED", category: "MARKETING" }]);
      assert.equal(custom.emulator.templates().filter((x) => x.wabaId !== WA.wabaId && x.name === "hello_world").length, 1, "the other WABA keeps the demo templates");
    });
  });

  describe("type: template sends", () => {
    it("go out outside the 24-hour window (free-form text does not), answered with message_status accepted", async () => {
      await userWrites(t.emulator, "whatsapp");
      t.emulator.advanceClock(25 * HOUR);
      assert.equal(await codeOf(send({ messaging_product: "whatsapp", to: WA_USER, type: "text", text: { body: "hi" } })), 131047);
      const answer = await send(template("order_update", "en_US", body("Sheena", "#42", "Friday")));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const [message] = answer.body.messages as Json[];
      assert.equal(message!.message_status, "accepted");
      assert.deepEqual(t.emulator.sent({ kind: "template" }).map((r) => r.kinds), [["message", "template"]]);
    });

    it("record what the person reads", async () => {
      const answer = await send(template("order_update", "en_US", body("Sheena", "#42", "Friday")));
      const [sent] = t.emulator.sentTemplates();
      assert.deepEqual(sent, {
        accountId: WA.id,
        wabaId: WA.wabaId,
        recipientId: WA_USER,
        messageId: (answer.body.messages as Json[])[0]!.id,
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
        parameters: ["Sheena", "#42", "Friday"],
        rendered: "Hi Sheena, your order #42 has shipped and should arrive on Friday.",
        at: sent!.at,
      });
      await send(template("hello_world", "en_US"));
      assert.match(t.emulator.sentTemplates({ recipientId: WA_USER })[1]!.rendered, /^Welcome and congratulations!!/);
      t.emulator.clearSent();
      assert.deepEqual(t.emulator.sentTemplates(), []);
    });

    it("132001 (HTTP 404): a name the WABA lacks, another language, a template not approved; another number's WABA is not this one's", async () => {
      assert.deepEqual(errorCodes(await send(template("no_such", "en_US"))), { status: 404, code: 132001, subcode: undefined });
      const language = graphError(await send(template("hello_world", "fr")));
      assert.equal(language.code, 132001);
      assert.deepEqual(language.error_data, { messaging_product: "whatsapp", details: "template name (hello_world) does not exist in fr" });
      assert.equal(await codeOf(send(template("seasonal_offer", "en_US", body("20", "May")))), 132001);
      t.emulator.removeTemplate(WA.wabaId, "hello_world", "en_US");
      assert.equal(await codeOf(send(template("hello_world", "en_US"))), 132001);
      const other = await graph(t.emulator, "POST", `${WA_OTHER.id}/messages`, { token: WA_OTHER.token, json: template("hello_world", "en_US") });
      assert.equal(other.status, 200, "the other number's WABA still has it");
    });

    it("132015 paused and 132016 disabled", async () => {
      t.emulator.setTemplate(WA.wabaId, { name: "hello_world", language: "en_US", status: "PAUSED", body: "Hello" });
      assert.equal(await codeOf(send(template("hello_world", "en_US"))), 132015);
      t.emulator.setTemplate(WA.wabaId, { name: "hello_world", language: "en_US", status: "DISABLED", body: "Hello" });
      assert.equal(await codeOf(send(template("hello_world", "en_US"))), 132016);
    });

    it("132000: too few, too many, parameters for a template without any, or a header/button component the template has no variables for", async () => {
      const tooFew = graphError(await send(template("order_update", "en_US", body("Sheena"))));
      assert.equal(tooFew.code, 132000);
      assert.equal((tooFew.error_data as Json).details, "body: number of localizable_params (1) does not match the expected number of params (3)");
      assert.equal(await codeOf(send(template("order_update", "en_US", body("a", "b", "c", "d")))), 132000);
      assert.equal(await codeOf(send(template("order_update", "en_US"))), 132000);
      assert.equal(await codeOf(send(template("hello_world", "en_US", body("x")))), 132000);
      assert.equal(await codeOf(send(template("hello_world", "en_US", [{ type: "header", parameters: [{ type: "text", text: "x" }] }]))), 132000);
      assert.equal(await codeOf(send(template("hello_world", "en_US", [{ type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "p" }] }]))), 132000);
    });

    it("132012: named parameters where the template has positional ones, and the other way round, or wrong names", async () => {
      const named = (name: string, text: string) => [{ type: "body", parameters: [{ type: "text", parameter_name: name, text }] }];
      assert.equal(await codeOf(send(template("follow_up", "en_US", named("1", "Sheena")))), 132012);
      assert.equal(await codeOf(send(template("appointment_reminder", "en_US", body("Sheena")))), 132012);
      assert.equal(await codeOf(send(template("appointment_reminder", "en_US", named("first_name", "Sheena")))), 132012);
      assert.equal((await send(template("appointment_reminder", "en_US", named("customer_name", "Sheena")))).status, 200);
      assert.equal(t.emulator.sentTemplates()[0]!.rendered, "Hi Sheena, this is a reminder of your appointment. Reply to confirm, Sheena.");
    });

    it("132005: a body over 1024 characters once filled in", async () => {
      const details = (graphError(await send(template("follow_up", "en_US", body("x".repeat(1000))))).error_data as Json).details;
      assert.match(String(details), /at most 1024/);
      assert.equal((await send(template("follow_up", "en_US", body("x".repeat(900))))).status, 200);
    });

    it("100: parameter texts with line breaks, tabs, 5 spaces in a row, or empty; parameters other than text", async () => {
      for (const text of ["two\nlines", "a\ttab", "five     spaces", ""]) assert.equal(await codeOf(send(template("follow_up", "en_US", body(text)))), 100, JSON.stringify(text));
      assert.equal((await send(template("follow_up", "en_US", body("four    spaces")))).status, 200);
      const currency = [{ type: "body", parameters: [{ type: "currency", currency: { fallback_value: "$1", code: "USD", amount_1000: 1000 } }] }];
      assert.equal(await codeOf(send(template("follow_up", "en_US", currency))), 100);
    });

    it("100: components and parameters of the wrong shape", async () => {
      const shapes: unknown[] = [
        "not an array",
        [{ type: "footer", parameters: [] }],
        [{ type: "body", parameters: [], colour: "red" }],
        [{ type: "body" }],
        [{ type: "body", parameters: [{ type: "text" }] }],
        [{ type: "body", parameters: [{ type: "text", text: "x", image: { id: "1" } }] }],
        [{ type: "body", parameters: ["x"] }],
        [{ type: "button", index: "0", parameters: [] }],
        [{ type: "body", sub_type: "url", parameters: [] }],
      ];
      for (const components of shapes) {
        const request = template("follow_up", "en_US") as { template: Json };
        request.template.components = components;
        assert.equal(await codeOf(send(request)), 100, JSON.stringify(components));
      }
      assert.equal(await codeOf(send({ ...template("hello_world", "en_US"), template: { name: "hello_world", language: { code: "en_US", policy: "fuzzy" } } })), 100);
      assert.equal(await codeOf(send({ ...template("hello_world", "en_US"), template: { name: "hello_world", language: "en_US" } })), 100);
    });

    it("answers 400 for 132001 in 400-everywhere mode", async () => {
      const strict = await startTestEmulator({ httpStatusMode: "400-everywhere" });
      const answer = await graph(strict.emulator, "POST", `${WA.id}/messages`, { token: WA.token, json: template("no_such", "en_US") });
      assert.deepEqual(errorCodes(answer), { status: 400, code: 132001, subcode: undefined });
    });
  });

  describe("templates set by tests", () => {
    it("setTemplate adds or replaces by name and language, removeTemplate deletes; both check what Meta's editor would", async () => {
      const added: StoredTemplate = t.emulator.setTemplate(WA.wabaId, { name: "welcome_back", language: "en_GB", body: "Welcome back, {{1}}!" });
      assert.deepEqual({ ...added, id: "…" }, { id: "…", wabaId: WA.wabaId, name: "welcome_back", language: "en_GB", status: "APPROVED", category: "UTILITY", body: "Welcome back, {{1}}!" });
      t.emulator.setTemplate(WA.wabaId, { name: "welcome_back", language: "en_GB", status: "REJECTED", body: "Welcome back, {{1}}!" });
      assert.deepEqual(t.emulator.templates(WA.wabaId).filter((x) => x.name === "welcome_back").map((x) => x.status), ["REJECTED"]);
      assert.equal(t.emulator.removeTemplate(WA.wabaId, "welcome_back", "en_GB"), true);
      assert.equal(t.emulator.removeTemplate(WA.wabaId, "welcome_back", "en_GB"), false);
      assert.throws(() => t.emulator.setTemplate(WA.wabaId, { name: "Has Spaces", language: "en_US", body: "x" }), /lowercase letters/);
      assert.throws(() => t.emulator.setTemplate(WA.wabaId, { name: "ok", language: "english", body: "x" }), /language/);
      assert.throws(() => t.emulator.setTemplate(WA.wabaId, { name: "ok", language: "en", body: " " }), /body/);
      assert.throws(() => t.emulator.setTemplate(WA.wabaId, { name: "ok", language: "en", body: "x", status: "MAYBE" as never }), /status/);
    });

    it("refuses bad configured templates at start", async () => {
      const start = startGraphEmulator({
        accounts: [{ network: "whatsapp", id: WA.id, accessToken: WA.token, appSecret: "s", webhookUrl: "http://127.0.0.1:1/webhooks/whatsapp" }],
        templates: { "123": [{ name: "bad name", language: "en", body: "x" }] },
      });
      await assert.rejects(start, /lowercase letters/);
      registerTeardown(async () => (await start.catch(() => undefined))?.stop());
    });
  });
});
