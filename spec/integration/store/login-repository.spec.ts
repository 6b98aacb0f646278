import assert from "node:assert/strict";
import type { LoginRecord } from "../../../src/store";
import { storeTargets, useFreshStore } from "../support/store-targets";

function login(overrides: Partial<LoginRecord> = {}): LoginRecord {
  return {
    network: "whatsapp",
    loginId: "106540352242922",
    displayName: "+1 555 0100",
    metadata: { phoneNumber: "+15550100", tier: { name: "TIER_1K" }, tags: ["a", "b"] },
    createdAt: 1_795_564_800_000,
    ...overrides,
  };
}

for (const target of storeTargets) {
  describe(`LoginRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("stores a login with its metadata and reads it back", async function () {
      const logins = fresh.store().logins;
      assert.deepEqual(await logins.upsert(login()), login());
      assert.deepEqual(await logins.get(login()), login());
      assert.equal(await logins.get({ network: "messenger", loginId: login().loginId }), null);
    });

    it("stores empty metadata as an empty object", async function () {
      const logins = fresh.store().logins;
      await logins.upsert(login({ metadata: {}, displayName: null }));
      const stored = await logins.get(login());
      assert.deepEqual(stored?.metadata, {});
      assert.equal(stored?.displayName, null);
    });

    it("the metadata column defaults to an empty JSON object", async function () {
      const store = fresh.store();
      await store.dataSource.query(
        `INSERT INTO logins (network, login_id, created_at) VALUES ('messenger', 'page-1', 1795564800000)`,
      );
      assert.deepEqual((await store.logins.get({ network: "messenger", loginId: "page-1" }))?.metadata, {});
    });

    it("lists the logins of one network in id order", async function () {
      const logins = fresh.store().logins;
      await logins.upsert(login({ loginId: "b" }));
      await logins.upsert(login({ loginId: "a" }));
      await logins.upsert(login({ network: "instagram", loginId: "c" }));
      assert.deepEqual((await logins.listByNetwork("whatsapp")).map((l) => l.loginId), ["a", "b"]);
      assert.deepEqual(await logins.listByNetwork("telegram"), []);
    });

    it("replaces name and metadata on upsert and keeps createdAt", async function () {
      const logins = fresh.store().logins;
      await logins.upsert(login());
      const stored = await logins.upsert(login({ displayName: "Shop", metadata: { v: 2 }, createdAt: 5 }));
      assert.deepEqual(stored, login({ displayName: "Shop", metadata: { v: 2 } }));
    });

    it("deletes a login and reports whether there was one", async function () {
      const logins = fresh.store().logins;
      await logins.upsert(login());
      assert.equal(await logins.delete(login()), true);
      assert.equal(await logins.delete(login()), false);
      assert.equal(await logins.get(login()), null);
    });
  });
}
