import { strict as assert } from "node:assert";
import { GhostService } from "../../../src/core/ghosts/ghost-service";
import { NetworkRegistry } from "../../../src/core/networks/registry";
import { AliasQueryHandler } from "../../../src/core/portals/alias-query";
import { parsePortalAlias, portalAlias } from "../../../src/core/portals/portal-alias";
import type { PortalKey } from "../../../src/store/records";
import { FakeConnector, fakeEntry } from "../../support/fakes/fake-connector";
import { FakeMatrix } from "../../support/fakes/fake-matrix";
import { memoryStore } from "../../support/memory-store";

function registry() {
  const whatsapp = new FakeConnector("whatsapp", "WhatsApp");
  const messenger = new FakeConnector("messenger", "Messenger");
  return {
    whatsapp,
    messenger,
    registry: new NetworkRegistry([
      fakeEntry(whatsapp, "whatsapp_", "{name} (WhatsApp)"),
      { ...fakeEntry(messenger, "fb_", "{name} (FB)"), icon: "mxc://x/icon" },
    ]),
  };
}

describe("ghosts", () => {
  it("answers a user query for a valid id by registering and naming the ghost, once", async () => {
    const matrix = new FakeMatrix();
    const store = await memoryStore();
    const service = new GhostService(store.ghosts, registry().registry, matrix);
    assert.equal(await service.handleUserQuery("@whatsapp_15551234567:example.org"), true);
    assert.deepEqual(matrix.registered, ["@whatsapp_15551234567:example.org"]);
    assert.equal(matrix.names.get("@whatsapp_15551234567:example.org"), "#15551234567 (WhatsApp)");
    const stored = await store.ghosts.get({ network: "whatsapp", remoteId: "15551234567" });
    assert.equal(stored?.registered, true);
    assert.equal(stored?.userId, "@whatsapp_15551234567:example.org");

    assert.equal(await service.handleUserQuery("@whatsapp_15551234567:example.org"), true);
    assert.equal(matrix.registered.length, 1, "a known ghost is not registered again");
  });

  it("renames a ghost when the network gives its name, without double templating", async () => {
    const { registry: networks } = registry();
    const service = new GhostService((await memoryStore()).ghosts, networks, new FakeMatrix());
    const entry = networks.get("messenger")!;
    await service.ensureGhost(entry, "1234567");
    const renamed = await service.ensureGhost(entry, "1234567", { name: "Bob" });
    assert.equal(renamed.displayName, "Bob (FB)");
    assert.equal((await service.ensureGhost(entry, "1234567")).displayName, "Bob (FB)");
  });

  it("takes name and avatar from the network's profile, uploading the avatar only when it changed", async () => {
    const { registry: networks, messenger } = registry();
    const matrix = new FakeMatrix();
    let now = 1_000_000;
    const service = new GhostService((await memoryStore()).ghosts, networks, matrix, () => now);
    messenger.profiles.set("777", { name: "Carol Example", avatarUrl: "https://cdn/pic?sig=1" });
    messenger.avatars.set("https://cdn/pic?sig=1", Buffer.from("png-bytes"));
    const entry = networks.get("messenger")!;
    const ghost = await service.ensureGhost(entry, "777", { receiver: "100" });
    assert.equal(ghost.displayName, "Carol Example (FB)");
    assert.equal(matrix.avatars.get(ghost.userId), "mxc://example.org/upload1");

    now += 25 * 60 * 60 * 1000; // a day later the profile is looked up again, with a new URL
    messenger.profiles.set("777", { name: "Carol Example", avatarUrl: "https://cdn/pic?sig=2" });
    messenger.avatars.set("https://cdn/pic?sig=2", Buffer.from("png-bytes"));
    await service.ensureGhost(entry, "777", { receiver: "100" });
    assert.equal(matrix.uploads.length, 1, "same bytes: not uploaded again");
  });

  it("refuses ids outside our namespaces, on other servers, or that the network would not accept", async () => {
    const matrix = new FakeMatrix();
    const service = new GhostService((await memoryStore()).ghosts, registry().registry, matrix);
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
    const { registry: networks } = registry();
    const alias = portalAlias(networks.get("whatsapp")!, key, "example.org");
    assert.match(alias, /^#whatsapp_[a-z0-9=_-]+\.[a-z0-9=_-]+:example\.org$/);
    assert.deepEqual(parsePortalAlias(alias, networks, "example.org"), key);
    assert.equal(parsePortalAlias(alias, networks, "other.org"), undefined);
    assert.equal(parsePortalAlias("#whatsapp_nodot:example.org", networks, "example.org"), undefined);
  });

  it("an alias query creates the alias only for a portal with a room", async () => {
    const matrix = new FakeMatrix();
    const store = await memoryStore();
    const { registry: networks } = registry();
    const handler = new AliasQueryHandler(store.portals, networks, matrix);
    const alias = portalAlias(networks.get("whatsapp")!, key, "example.org");
    assert.equal(await handler.handle(alias), false);
    await store.portals.upsert({ ...key, roomId: "!portal:example.org", name: null, topic: null, avatarUrl: null, encrypted: false });
    assert.equal(await handler.handle(alias), true);
    assert.equal(matrix.aliases.get(alias), "!portal:example.org");
  });
});

describe("network registry", () => {
  it("describes each network's third-party protocol with its icon and instance", () => {
    const { registry: networks } = registry();
    const protocol = networks.protocol("messenger")!;
    assert.deepEqual(protocol.user_fields, ["id"]);
    assert.equal(protocol.icon, "mxc://x/icon");
    assert.equal(protocol.instances[0]!.network_id, "messenger");
    assert.equal(networks.protocol("irc"), undefined);
  });
});
