import { strict as assert } from "node:assert";
import { readAllPages } from "../../../src/networks/meta/graph-paging";
import { numberPlaceholders, placeholdersOf } from "../../../src/networks/whatsapp/templates/placeholders";
import { parseTemplate, publicTemplate } from "../../../src/networks/whatsapp/templates/template-parse";
import { whatsappTemplateRequest } from "../../../src/networks/whatsapp/templates/template-request";

const chat = { network: "whatsapp", chatId: "16505551234", receiver: "1000001" };

describe("WhatsApp templates", () => {
  it("counts distinct placeholders: numbers in order, names in order of first appearance", () => {
    assert.deepEqual(placeholdersOf("{{2}} and {{1}} and {{2}} and {{10}}"), ["1", "2", "10"]);
    assert.deepEqual(placeholdersOf("Hi {{name}}, {{day}} at {{time}}, {{name}}"), ["name", "day", "time"]);
    assert.deepEqual(placeholdersOf("no parameters, not even {{ this }} or {single}"), []);
    assert.equal(numberPlaceholders("Hi {{name}}, {{day}}; {{name}}", ["name", "day"]), "Hi {{1}}, {{2}}; {{1}}");
  });

  it("reads a listed template: the BODY component's text, its parameter count, status and category", () => {
    const template = parseTemplate({
      name: "order_update",
      language: "en_US",
      status: "APPROVED",
      category: "UTILITY",
      id: "1",
      components: [
        { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
        { type: "BODY", text: "Hi {{1}}, order {{2}} ships {{3}}; thanks {{1}}." },
        { type: "FOOTER", text: "Shop" },
      ],
    });
    assert.deepEqual(template && publicTemplate(template), {
      name: "order_update",
      language: "en_US",
      status: "APPROVED",
      category: "UTILITY",
      body: "Hi {{1}}, order {{2}} ships {{3}}; thanks {{1}}.",
      parameterCount: 3,
    });
    assert.equal(template?.parameterNames, undefined);
  });

  it("numbers a NAMED template's body and keeps the names for the send; skips entries without name or language", () => {
    const named = parseTemplate({ name: "r", language: "en", status: "APPROVED", category: "UTILITY", parameter_format: "NAMED", components: [{ type: "BODY", text: "For {{guests}} on {{day}}" }] });
    assert.equal(named?.body, "For {{1}} on {{2}}");
    assert.deepEqual(named?.parameterNames, ["guests", "day"]);
    assert.equal(parseTemplate({ language: "en" }), undefined);
    assert.deepEqual(parseTemplate({ name: "x", language: "en" }), { name: "x", language: "en", status: "UNKNOWN", category: "", body: "", parameterCount: 0 });
  });

  it("builds the documented send: components only with parameters, parameter_name for named ones", () => {
    assert.deepEqual(whatsappTemplateRequest(chat, { name: "hello_world", language: "en_US", parameters: [] }), {
      path: "1000001/messages",
      body: { messaging_product: "whatsapp", recipient_type: "individual", to: "16505551234", type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
    });
    const named = whatsappTemplateRequest(chat, { name: "r", language: "en", parameters: ["4", "Sat"] }, ["guests", "day"]);
    assert.deepEqual((named.body.template as { components: unknown }).components, [
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "guests", text: "4" },
          { type: "text", parameter_name: "day", text: "Sat" },
        ],
      },
    ]);
  });

  describe("Graph paging", () => {
    it("follows paging.next with its query on the same path, without the credentials in it, until a page has none", async () => {
      const asked: Record<string, string>[] = [];
      const pages: Record<string, unknown> = {
        "": { data: [{ n: 1 }, { n: 2 }], paging: { cursors: { after: "A" }, next: "https://graph.example/v26.0/9/message_templates?fields=name&after=A&access_token=SECRET" } },
        A: { data: [{ n: 3 }], paging: { cursors: { before: "A" } } },
      };
      const items = await readAllPages(async (query) => {
        asked.push(query);
        return pages[query.after ?? ""];
      }, { fields: "name" });
      assert.deepEqual(items, [{ n: 1 }, { n: 2 }, { n: 3 }]);
      assert.deepEqual(asked, [{ fields: "name" }, { fields: "name", after: "A" }]);
    });

    it("stops when a next page repeats itself or is no URL", async () => {
      let calls = 0;
      const loop = await readAllPages(async () => {
        calls++;
        return { data: [{ n: calls }], paging: { next: "https://graph.example/x?after=SAME" } };
      }, {});
      assert.deepEqual(loop, [{ n: 1 }, { n: 2 }]);
      assert.deepEqual(await readAllPages(async () => ({ data: [{ n: 1 }], paging: { next: "not a url" } }), {}), [{ n: 1 }]);
    });
  });
});
