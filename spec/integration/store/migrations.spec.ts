import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { openTestStore, makeTempDir, storeTargets } from "../support/store-targets";

const TABLES = [
  "logins",
  "ghosts",
  "portals",
  "messages",
  "reactions",
  "processed_transactions",
  "inbox",
  "management_rooms",
  "crypto_accounts",
  "crypto_olm_sessions",
  "crypto_outbound_group_sessions",
  "crypto_group_shares",
  "crypto_inbound_group_sessions",
  "crypto_devices",
  "crypto_tracked_users",
  "crypto_cross_signing_keys",
  "crypto_seen_megolm_indexes",
  "crypto_rooms",
  "persons",
  "person_identities",
  "bridged_rooms",
];
const MIGRATIONS = ["InitialSchema1795564800000", "CryptoTables1795651200000", "OutboundInitialKey1795737600000", "UnifiedConversations1795824000000"];

async function existingTables(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    const found: string[] = [];
    for (const table of TABLES) if (await queryRunner.hasTable(table)) found.push(table);
    return found;
  } finally {
    await queryRunner.release();
  }
}

async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM switchboard_migrations ORDER BY id`);
  return rows.map((row) => row.name);
}

for (const target of storeTargets) {
  describe(`store schema on ${target.name}`, function () {
    it("creates every table on an empty database and records the migrations", async function () {
      const store = await openTestStore(await target.newDatabase());
      assert.deepEqual(await existingTables(store.dataSource), TABLES);
      assert.deepEqual(await appliedMigrations(store.dataSource), MIGRATIONS);
      await store.close();
    });

    it("leaves TypeORM nothing to change: the migration matches the entities", async function () {
      const store = await openTestStore(await target.newDatabase());
      assert.deepEqual(await pendingSchemaChanges(store.dataSource), []);
      await store.close();
    });

    it("re-opening applies nothing and keeps the data", async function () {
      const config = await target.newDatabase();
      const first = await openTestStore(config);
      await first.managementRooms.add("!dm:example.org", "@alice:example.org");
      await first.close();

      const second = await openTestStore(config);
      assert.equal(await second.dataSource.showMigrations(), false);
      assert.deepEqual(await appliedMigrations(second.dataSource), MIGRATIONS);
      assert.equal((await second.managementRooms.get("!dm:example.org"))?.userId, "@alice:example.org");
      await second.close();
    });

    it("the migrations can be reverted and applied again", async function () {
      const store = await openTestStore(await target.newDatabase());
      for (let i = 0; i < MIGRATIONS.length; i++) await store.dataSource.undoLastMigration({ transaction: "all" });
      assert.deepEqual(await existingTables(store.dataSource), []);
      assert.deepEqual(await appliedMigrations(store.dataSource), []);

      await store.dataSource.runMigrations({ transaction: "all" });
      assert.deepEqual(await existingTables(store.dataSource), TABLES);
      assert.deepEqual(await pendingSchemaChanges(store.dataSource), []);
      await store.close();
    });

    it("close() can be called twice", async function () {
      const store = await openTestStore(await target.newDatabase());
      await store.close();
      await store.close();
      assert.equal(store.dataSource.isInitialized, false);
    });
  });
}

describe("store on SQLite", function () {
  it("creates missing parent directories", async function () {
    const path = join(await makeTempDir(), "a", "b", "store.sqlite");
    const store = await openTestStore({ type: "sqlite", path });
    assert.ok((await stat(path)).isFile());
    await store.close();
  });

  it("uses WAL, enforces foreign keys and has a busy timeout", async function () {
    const store = await openTestStore({ type: "sqlite", path: join(await makeTempDir(), "store.sqlite") });
    const [journal] = await store.dataSource.query("PRAGMA journal_mode");
    const [foreignKeys] = await store.dataSource.query("PRAGMA foreign_keys");
    const [busyTimeout] = await store.dataSource.query("PRAGMA busy_timeout");
    assert.deepEqual(journal, { journal_mode: "wal" });
    assert.deepEqual(foreignKeys, { foreign_keys: 1 });
    assert.ok(Object.values(busyTimeout as object)[0] >= 1000, `busy_timeout ${JSON.stringify(busyTimeout)}`);
    await store.close();
  });
});
