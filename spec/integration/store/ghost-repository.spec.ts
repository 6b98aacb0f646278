import assert from "node:assert/strict";
import type { GhostRecord } from "../../../src/store";
import { StoreConflictError } from "../../../src/store";
import { storeTargets, useFreshStore } from "../support/store-targets";

// Past 2^32 milliseconds and near 2^53: only a bigint column with a number transformer keeps these.
const CREATED = 1_795_564_800_123;
const LATE = 8_000_000_000_000_001;

function ghost(overrides: Partial<GhostRecord> = {}): GhostRecord {
  return {
    network: "whatsapp",
    remoteId: "15551234567",
    userId: "@whatsapp_15551234567:example.org",
    displayName: "Alice (WhatsApp)",
    avatarUrl: "mxc://example.org/abc",
    avatarSource: "https://cdn.example/avatar.jpg",
    registered: true,
    profileUpdatedAt: CREATED + 5,
    createdAt: CREATED,
    ...overrides,
  };
}

for (const target of storeTargets) {
  describe(`GhostRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("stores a ghost and finds it by key and by Matrix user id", async function () {
      const ghosts = fresh.store().ghosts;
      assert.deepEqual(await ghosts.upsert(ghost()), ghost());
      assert.deepEqual(await ghosts.get({ network: "whatsapp", remoteId: "15551234567" }), ghost());
      assert.deepEqual(await ghosts.getByUserId("@whatsapp_15551234567:example.org"), ghost());
      assert.equal(await ghosts.get({ network: "messenger", remoteId: "15551234567" }), null);
      assert.equal(await ghosts.getByUserId("@nobody:example.org"), null);
    });

    it("returns timestamps as numbers, also beyond 32 bits", async function () {
      const ghosts = fresh.store().ghosts;
      await ghosts.upsert(ghost({ profileUpdatedAt: LATE }));
      const stored = await ghosts.get(ghost());
      assert.equal(typeof stored?.createdAt, "number");
      assert.equal(stored?.createdAt, CREATED);
      assert.equal(stored?.profileUpdatedAt, LATE);
    });

    it("defaults createdAt to now and keeps nullable fields null", async function () {
      const ghosts = fresh.store().ghosts;
      const before = Date.now();
      const stored = await ghosts.upsert({
        network: "instagram",
        remoteId: "17841400000000000",
        userId: "@instagram_17841400000000000:example.org",
        displayName: null,
        avatarUrl: null,
        avatarSource: null,
        registered: false,
        profileUpdatedAt: null,
      });
      assert.ok(stored.createdAt >= before && stored.createdAt <= Date.now());
      assert.equal(stored.displayName, null);
      assert.equal(stored.registered, false);
      assert.equal(stored.profileUpdatedAt, null);
    });

    it("replaces the profile on upsert but keeps the original createdAt", async function () {
      const ghosts = fresh.store().ghosts;
      await ghosts.upsert(ghost());
      const updated = ghost({ displayName: "Alice B.", avatarUrl: null, avatarSource: null, registered: false, createdAt: CREATED + 999 });
      const stored = await ghosts.upsert(updated);
      assert.deepEqual(stored, { ...updated, createdAt: CREATED });
      assert.deepEqual(await ghosts.get(ghost()), stored);
    });

    it("keeps the same remote id on different networks apart", async function () {
      const ghosts = fresh.store().ghosts;
      await ghosts.upsert(ghost());
      await ghosts.upsert(ghost({ network: "messenger", userId: "@messenger_15551234567:example.org" }));
      assert.equal((await ghosts.get({ network: "whatsapp", remoteId: "15551234567" }))?.userId, "@whatsapp_15551234567:example.org");
      assert.equal((await ghosts.get({ network: "messenger", remoteId: "15551234567" }))?.userId, "@messenger_15551234567:example.org");
    });

    it("refuses a second ghost with the same Matrix user id", async function () {
      const ghosts = fresh.store().ghosts;
      await ghosts.upsert(ghost());
      await assert.rejects(ghosts.upsert(ghost({ remoteId: "other" })), StoreConflictError);
      assert.equal(await ghosts.get({ network: "whatsapp", remoteId: "other" }), null);
    });
  });
}
