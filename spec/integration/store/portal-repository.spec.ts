import assert from "node:assert/strict";
import type { PortalRecord } from "../../../src/store";
import { storeTargets, useFreshStore } from "../support/store-targets";

function portal(overrides: Partial<PortalRecord> = {}): PortalRecord {
  return {
    network: "whatsapp",
    chatId: "15551234567",
    receiver: "business-1",
    roomId: "!room:example.org",
    name: "Alice",
    topic: "WhatsApp chat with Alice",
    avatarUrl: "mxc://example.org/avatar",
    encrypted: true,
    lastInboundAt: null,
    createdAt: 1_795_564_800_000,
    ...overrides,
  };
}

for (const target of storeTargets) {
  describe(`PortalRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("stores a portal and finds it by its full key only", async function () {
      const portals = fresh.store().portals;
      assert.deepEqual(await portals.upsert(portal()), portal());
      assert.deepEqual(await portals.get(portal()), portal());
      assert.equal(await portals.get({ ...portal(), receiver: "business-2" }), null);
      assert.equal(await portals.get({ ...portal(), network: "messenger" }), null);
    });

    it("links one room to portals of several networks", async function () {
      const portals = fresh.store().portals;
      await portals.upsert(portal({ network: "whatsapp" }));
      await portals.upsert(portal({ network: "instagram", chatId: "ig-thread" }));
      await portals.upsert(portal({ network: "messenger", chatId: "other", roomId: "!elsewhere:example.org" }));
      const linked = await portals.listByRoomId("!room:example.org");
      assert.deepEqual(linked.map((p) => `${p.network}/${p.chatId}`), ["instagram/ig-thread", "whatsapp/15551234567"]);
      assert.deepEqual(await portals.listByRoomId("!none:example.org"), []);
    });

    it("stores a portal that has no room yet", async function () {
      const portals = fresh.store().portals;
      await portals.upsert(portal({ roomId: null, name: null, topic: null, avatarUrl: null, encrypted: false }));
      const stored = await portals.get(portal());
      assert.equal(stored?.roomId, null);
      assert.equal(stored?.encrypted, false);
    });

    it("replaces fields on upsert and keeps createdAt", async function () {
      const portals = fresh.store().portals;
      await portals.upsert(portal());
      const stored = await portals.upsert(portal({ roomId: "!new:example.org", name: "Alice B.", encrypted: false, createdAt: 1 }));
      assert.deepEqual(stored, portal({ roomId: "!new:example.org", name: "Alice B.", encrypted: false }));
      assert.deepEqual(await portals.listByRoomId("!room:example.org"), []);
    });

    it("deletes a portal and reports whether there was one", async function () {
      const portals = fresh.store().portals;
      await portals.upsert(portal());
      await portals.upsert(portal({ receiver: "business-2" }));
      assert.equal(await portals.delete(portal()), true);
      assert.equal(await portals.delete(portal()), false);
      assert.equal(await portals.get(portal()), null);
      assert.notEqual(await portals.get(portal({ receiver: "business-2" })), null);
    });

    it("moves the last inbound time forward only, and keeps it through upserts", async function () {
      const portals = fresh.store().portals;
      await portals.upsert(portal());
      await portals.recordInbound(portal(), 2_000);
      await portals.recordInbound(portal(), 1_000);
      assert.equal((await portals.get(portal()))?.lastInboundAt, 2_000);
      await portals.upsert(portal({ name: "Renamed" }));
      assert.equal((await portals.get(portal()))?.lastInboundAt, 2_000);
    });
  });
}
