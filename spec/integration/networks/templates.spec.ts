import { strict as assert } from "node:assert";
import { canSendTemplates, hasWindowRules } from "../../../src/core/networks/capabilities";
import type { ChatKey, NetworkConnector, TemplateSupport } from "../../../src/core/networks/connector";
import type { EmulatorTemplate } from "../../../src/emulator";
import { expectRefusal } from "./expect-refusal";
import { CASES, startHarness, WABA_ID, type Harness } from "./harness";

const HOUR = 60 * 60 * 1000;
const wa = CASES.find((c) => c.network === "whatsapp")!;
const chat: ChatKey = { network: "whatsapp", chatId: wa.person, receiver: wa.account };

function templatesOf(connector: NetworkConnector | undefined): NetworkConnector & TemplateSupport {
  assert.ok(connector && canSendTemplates(connector), "the WhatsApp connector sends templates");
  return connector;
}

describe("WhatsApp message templates through the Graph emulator", () => {
  describe("listing", () => {
    const many: EmulatorTemplate[] = Array.from({ length: 30 }, (_, i) => ({ name: `notice_${String(i).padStart(2, "0")}`, language: "en_US", body: `Notice ${i} for {{1}}.` }));

    it("reads every page of GET /{waba_id}/message_templates, following paging.next", async () => {
      const h = await startHarness({ templates: { [WABA_ID]: many } });
      const templates = await templatesOf(h.connectors.get("whatsapp")).listTemplates(wa.account);
      assert.deepEqual(
        templates.map((t) => t.name),
        many.map((t) => t.name),
      );
      const requests = h.emulator.sent({ network: "whatsapp", kind: "template" });
      assert.equal(requests.length, 2, "25 templates on the first page, 5 on the second");
      assert.deepEqual(
        requests.map((r) => [r.method, r.path, r.status]),
        [
          ["GET", `/v26.0/${WABA_ID}/message_templates`, 200],
          ["GET", `/v26.0/${WABA_ID}/message_templates`, 200],
        ],
      );
      assert.equal(requests[0]!.query.fields, "name,language,status,category,components,parameter_format");
      assert.ok(requests[1]!.query.after, "the second page is asked for after the first one's cursor");
      assert.ok(!("access_token" in requests[1]!.query), "the token goes in the header, never copied from a URL");
    });

    it("gives each template with its status, category, body text and number of parameters; named ones numbered", async () => {
      const h = await startHarness();
      const templates = await templatesOf(h.connectors.get("whatsapp")).listTemplates(wa.account);
      const byKey = new Map(templates.map((t) => [`${t.name}/${t.language}`, t]));
      assert.deepEqual(byKey.get("order_update/en_US"), {
        name: "order_update",
        language: "en_US",
        status: "APPROVED",
        category: "UTILITY",
        body: "Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}.",
        parameterCount: 3,
      });
      assert.equal(byKey.get("hello_world/en_US")?.parameterCount, 0);
      assert.equal(byKey.get("follow_up/de")?.body.startsWith("Hallo {{1}}"), true);
      assert.deepEqual(byKey.get("appointment_reminder/en_US"), {
        name: "appointment_reminder",
        language: "en_US",
        status: "APPROVED",
        category: "UTILITY",
        body: "Hi {{1}}, this is a reminder of your appointment. Reply to confirm, {{1}}.",
        parameterCount: 1,
      });
      assert.equal(byKey.get("seasonal_offer/en_US")?.status, "PENDING", "templates under review are listed with their status");
    });

    it("needs networks.whatsapp.accounts[].waba_id, and says so without calling Meta", async () => {
      const h = await startHarness({ wabaId: "" });
      await expectRefusal(templatesOf(h.connectors.get("whatsapp")).listTemplates(wa.account), "permission", /set networks\.whatsapp\.accounts\[\]\.waba_id/);
      assert.deepEqual(h.emulator.sent(), []);
    });

    it("says which WABA id Meta does not know", async () => {
      const h = await startHarness({ wabaId: "999999999999" });
      await expectRefusal(
        templatesOf(h.connectors.get("whatsapp")).listTemplates(wa.account),
        "permission",
        /^WhatsApp knows no WhatsApp Business Account 999999999999 that the token of account WhatsApp desk may read; the templates could not be listed\. An admin must check networks\.whatsapp\.accounts\[\]\.waba_id\.$/,
      );
      assert.equal(h.connectors.get("whatsapp")!.status().state, "running", "an unknown WABA is no refused token");
    });

    it("explains a token without whatsapp_business_management", async () => {
      const h = await startHarness();
      h.emulator.injectFailure({ network: "whatsapp", pathIncludes: "message_templates", code: 200, message: "(#200) Requires whatsapp_business_management permission" });
      await expectRefusal(templatesOf(h.connectors.get("whatsapp")).listTemplates(wa.account), "permission", /needs the whatsapp_business_management permission/);
    });
  });

  describe("sending", () => {
    let h: Harness;
    let connector: NetworkConnector & TemplateSupport;

    before(async () => {
      h = await startHarness();
      connector = templatesOf(h.connectors.get("whatsapp"));
    });
    beforeEach(() => {
      h.emulator.clearSent();
      h.emulator.clearFailures();
    });

    const send = (name: string, language: string, parameters: string[] = []) => connector.sendTemplate(chat, { name, language, parameters });

    it("sends the documented template request outside the 24-hour window; the person reads the filled-in body", async () => {
      await h.emulator.inbound({ network: "whatsapp", accountId: wa.account, from: wa.person, text: "where is my order?" });
      h.emulator.advanceClock(30 * HOUR);
      const result = await send("order_update", "en_US", ["Sheena", "#42", "Friday"]);
      const [request] = h.emulator.sent({ network: "whatsapp", kind: "message" });
      assert.equal(request!.path, `/v26.0/${wa.account}/messages`);
      assert.equal(request!.status, 200);
      assert.deepEqual(request!.body, {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: wa.person,
        type: "template",
        template: {
          name: "order_update",
          language: { code: "en_US" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Sheena" },
                { type: "text", text: "#42" },
                { type: "text", text: "Friday" },
              ],
            },
          ],
        },
      });
      const [sent] = h.emulator.sentTemplates();
      assert.deepEqual(result.messageIds, [sent!.messageId]);
      assert.equal(sent!.rendered, "Hi Sheena, your order #42 has shipped and should arrive on Friday.");
    });

    it("leaves components out of a template without parameters", async () => {
      await send("hello_world", "en_US");
      const [request] = h.emulator.sent({ network: "whatsapp", kind: "message" });
      assert.deepEqual((request!.body as { template: unknown }).template, { name: "hello_world", language: { code: "en_US" } });
      assert.equal(h.emulator.sent({ kind: "template" }).length, 1, "no listing is needed without parameters");
    });

    it("names the parameters of a template with named parameters (learnt by listing once)", async () => {
      await send("appointment_reminder", "en_US", ["Sheena"]);
      const [request] = h.emulator.sent({ network: "whatsapp", kind: "message" }).filter((r) => r.method === "POST");
      assert.deepEqual((request!.body as { template: { components: unknown } }).template.components, [
        { type: "body", parameters: [{ type: "text", parameter_name: "customer_name", text: "Sheena" }] },
      ]);
      assert.equal(h.emulator.sentTemplates()[0]!.rendered, "Hi Sheena, this is a reminder of your appointment. Reply to confirm, Sheena.");
    });

    describe("Meta's template errors, in words", () => {
      it("132000: a different number of parameters", async () => {
        await expectRefusal(
          send("order_update", "en_US", ["Sheena"]),
          "invalid",
          /^The template order_update \(en_US\) takes a different number of parameters than the 1 parameter given; the template order_update \(en_US\) was not sent\. List the templates to see what it needs\.$/,
        );
      });

      it("132001: no such template, not in that language, or not approved", async () => {
        await expectRefusal(send("no_such_template", "en_US"), "invalid", /^WhatsApp has no approved template no_such_template in language en_US for account WhatsApp desk; .*List the templates/);
        await expectRefusal(send("hello_world", "fr"), "invalid", /no approved template hello_world in language fr/);
        await expectRefusal(send("seasonal_offer", "en_US", ["20", "May"]), "invalid", /no approved template seasonal_offer/);
      });

      it("132005: too long once filled in", async () => {
        await expectRefusal(send("follow_up", "en_US", ["x".repeat(1000)]), "invalid", /is too long once its parameters are filled in/);
      });

      it("132007: content against WhatsApp policy", async () => {
        h.emulator.injectFailure({ network: "whatsapp", pathIncludes: "/messages", code: 132007, message: "(#132007) Template Format Character Policy Violated" });
        await expectRefusal(send("hello_world", "en_US"), "invalid", /breaks a WhatsApp policy.*fix it in WhatsApp Manager/);
      });

      it("132012: parameters in another format than the template's", async () => {
        h.emulator.injectFailure({ network: "whatsapp", pathIncludes: "/messages", code: 132012 });
        await expectRefusal(send("hello_world", "en_US"), "invalid", /do not have the format the template hello_world \(en_US\) was created with/);
      });

      it("132015 and 132016: paused and disabled templates need an admin", async () => {
        h.emulator.setTemplate(WABA_ID, { name: "paused_one", language: "en_US", status: "PAUSED", body: "Paused." });
        h.emulator.setTemplate(WABA_ID, { name: "disabled_one", language: "en_US", status: "DISABLED", body: "Disabled." });
        await expectRefusal(send("paused_one", "en_US"), "permission", /has paused the template paused_one \(en_US\) for low quality/);
        await expectRefusal(send("disabled_one", "en_US"), "permission", /has disabled the template disabled_one \(en_US\) for good/);
      });

      it("100: a parameter Meta does not take (a line break)", async () => {
        await expectRefusal(send("follow_up", "en_US", ["two\nlines"]), "invalid", /a line break, a tab or more than 4 spaces in a row/);
      });
    });
  });

  describe("window rules", () => {
    it("WhatsApp: 24 hours, then an approved template; Messenger and Instagram: 24 hours, or 7 days with human_agent", async () => {
      const plain = await startHarness();
      const agent = await startHarness({ humanAgent: true });
      const windowOf = (h: Harness, network: "whatsapp" | "messenger" | "instagram") => {
        const connector = h.connectors.get(network)!;
        assert.ok(hasWindowRules(connector));
        return connector.messagingWindow();
      };
      assert.deepEqual(windowOf(plain, "whatsapp"), { freeFormMs: 24 * HOUR, outsideWindow: "an approved message template (the `template` command)" });
      for (const network of ["messenger", "instagram"] as const) {
        assert.deepEqual(windowOf(agent, network), { freeFormMs: 24 * HOUR, humanAgentMs: 7 * 24 * HOUR, outsideWindow: "nothing until the person writes again" });
        assert.deepEqual(windowOf(plain, network), {
          freeFormMs: 24 * HOUR,
          outsideWindow: `nothing until the person writes again (with Meta's Human Agent permission, an admin can set networks.${network}.human_agent to answer for up to 7 days)`,
        });
      }
    });
  });
});
