import { strict as assert } from "node:assert";
import { GhostService } from "../../../src/core/ghosts/ghost-service";
import type { MatrixPort } from "../../../src/core/matrix-port";
import { NetworkRegistry } from "../../../src/core/networks/registry";
import { AliasQueryHandler } from "../../../src/core/portals/alias-query";
import { parsePortalAlias, portalAlias } from "../../../src/core/portals/portal-alias";
import { MetaNetworkConnector } from "../../../src/networks/meta/meta-connector";
import { whatsappDescriptor } from "../../../src/networks/whatsapp/descriptor";
import { messengerDescriptor } from "../../../src/networks/messenger/descriptor";
import type { GhostKey, GhostRecord, PortalKey, PortalRecord } from "../../../src/store/records";

function registry() {
  return new NetworkRegistry([
    { connector: new MetaNetworkConnector(whatsappDescriptor), prefix: "whatsapp_", displaynameTemplate: "{name} (WhatsApp)", icon: "" },
    { connector: new MetaNetworkConnector(messengerDescriptor), prefix: "fb_", displaynameTemplate: "{name} (FB)", icon: "mxc://x/icon" },
  ]);
}

class FakeMatrix implements MatrixPort {
  readonly domain = "example.org";
  registered: string[] = [];
  names = new Map<string, string>();
  aliases = new Map<string, string>();
  async registerUser(userId: string) {
    this.registered.push(userId);
  }
  async setDisplayName(userId: string, name: string) {
    this.names.set(userId, name);
  }
  async createAlias(alias: string, roomId: string) {
    this.aliases.set(alias, roomId);
  }
}

class MemoryGhosts {
  rows = new Map<string, GhostRecord>();
  async get(key: GhostKey) {
    return this.rows.get(`${key.network}|${key.remoteId}`) ?? null;
  }
  async upsert(record: GhostRecord) {
    this.rows.set(`${record.network}|${record.remoteId}`, record);
  }
}

describe("ghosts", () => {
  it("answers a user query for a valid id by registering and naming the ghost, once", async () => {
    const matrix = new FakeMatrix();
    const ghosts = new MemoryGhosts();
    const service = new GhostService(ghosts, registry(), matrix);
    assert.equal(await service.handleUserQuery("@whatsapp_15551234567:example.org"), true);
    assert.deepEqual(matrix.registered, ["@whatsapp_15551234567:example.org"]);
    assert.equal(matrix.names.get("@whatsapp_15551234567:example.org"), "15551234567 (WhatsApp)");
    const stored = await ghosts.get({ network: "whatsapp", remoteId: "15551234567" });
    assert.equal(stored?.registered, true);
    assert.equal(stored?.userId, "@whatsapp_15551234567:example.org");

    assert.equal(await service.handleUserQuery("@whatsapp_15551234567:example.org"), true);
    assert.equal(matrix.registered.length, 1, "a known ghost is not registered again");
  });

  it("renames a ghost when the network gives its name, without double templating", async () => {
    const matrix = new FakeMatrix();
    const service = new GhostService(new MemoryGhosts(), registry(), matrix);
    const entry = registry().get("messenger")!;
    await service.ensureGhost(entry, "1234567");
    const renamed = await service.ensureGhost(entry, "1234567", "Bob");
    assert.equal(renamed.displayName, "Bob (FB)");
    assert.equal((await service.ensureGhost(entry, "1234567")).displayName, "Bob (FB)");
  });

  it("refuses ids outside our namespaces, on other servers, or that the network would not accept", async () => {
    const matrix = new FakeMatrix();
    const service = new GhostService(new MemoryGhosts(), registry(), matrix);
    for (const userId of [
      "@whatsapp_15551234567:elsewhere.org",
      "@instagram_1234567:example.org",
      "@whatsapp_abc:example.org",
      "@whatsapp_:example.org",
      "@whatsapp_=zz:example.org",
      "@alice:example.org",
    ]) {
      assert.equal(await service.handleUserQuery(userId), false, userId);
    }
    assert.deepEqual(matrix.registered, []);
  });
});

describe("portal aliases", () => {
  const key: PortalKey = { network: "whatsapp", chatId: "Chat.1/x", receiver: "10987" };

  it("round-trip a portal key through an alias", () => {
    const alias = portalAlias(registry().get("whatsapp")!, key, "example.org");
    assert.match(alias, /^#whatsapp_[a-z0-9=_-]+\.[a-z0-9=_-]+:example\.org$/);
    assert.deepEqual(parsePortalAlias(alias, registry(), "example.org"), key);
    assert.equal(parsePortalAlias(alias, registry(), "other.org"), undefined);
    assert.equal(parsePortalAlias("#whatsapp_nodot:example.org", registry(), "example.org"), undefined);
  });

  it("an alias query creates the alias only for a portal with a room", async () => {
    const matrix = new FakeMatrix();
    const portals = new Map<string, PortalRecord>();
    const lookup = { get: async (k: PortalKey) => portals.get(JSON.stringify([k.network, k.chatId, k.receiver])) ?? null };
    const handler = new AliasQueryHandler(lookup, registry(), matrix);
    const alias = portalAlias(registry().get("whatsapp")!, key, "example.org");
    assert.equal(await handler.handle(alias), false);
    portals.set(JSON.stringify([key.network, key.chatId, key.receiver]), {
      ...key, roomId: "!portal:example.org", name: null, topic: null, avatarUrl: null, encrypted: false, createdAt: 0,
    });
    assert.equal(await handler.handle(alias), true);
    assert.equal(matrix.aliases.get(alias), "!portal:example.org");
  });
});

describe("network registry", () => {
  it("describes each network's third-party protocol with its icon and instance", () => {
    const protocol = registry().protocol("messenger")!;
    assert.deepEqual(protocol.user_fields, ["psid"]);
    assert.equal(protocol.icon, "mxc://x/icon");
    assert.equal(protocol.instances[0]!.network_id, "messenger");
    assert.ok(protocol.field_types.psid!.regexp);
    assert.equal(registry().protocol("irc"), undefined);
  });
});
