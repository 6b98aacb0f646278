import { strict as assert } from "node:assert";
import { parseConfig } from "../../../src/config/load";
import { canLookUpProfiles } from "../../../src/core/networks/capabilities";
import { createNetworks } from "../../../src/networks";

describe("createNetworks", () => {
  it("builds a connector for each enabled network, with its config", () => {
    const { config } = parseConfig(
      `
homeserver: { url: "http://localhost:8008", domain: example.org }
networks:
  whatsapp:
    enabled: true
    app_secret: s
    verify_token: v
    accounts: [{ id: "106540352242922", name: "Sales", access_token: t }]
  instagram: { enabled: true, prefix: ig_ }
`,
      "/tmp/config.yaml",
    );
    const entries = createNetworks(config);
    assert.deepEqual(entries.map((e) => [e.connector.id, e.connector.label, e.prefix, canLookUpProfiles(e.connector)]), [
      ["whatsapp", "WhatsApp", "whatsapp_", false],
      ["instagram", "Instagram", "ig_", true],
    ]);
    assert.deepEqual(entries[0]!.connector.accounts(), [{ id: "106540352242922", label: "Sales" }]);
    assert.deepEqual(entries[1]!.connector.accounts(), []);
    assert.ok(entries[0]!.connector.webhookRoutes());
  });
});
