// The databases the store suite runs on: every store spec runs once per target.
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { DatabaseConfig, Store } from "../../../src/store";
import { openStore } from "../../../src/store";
import { registerTeardown } from "../../support/fixtures";
import { makeOwnedTempDir, reapAbandonedTempDirs } from "./owned-temp-dir";
import { getPostgresUri } from "./postgres";

export interface StoreTarget {
  name: string;
  type: DatabaseConfig["type"];
  /** Configuration of a new, empty database. */
  newDatabase(): Promise<DatabaseConfig>;
}

export const sqliteTarget: StoreTarget = {
  name: "SQLite",
  type: "sqlite",
  async newDatabase() {
    return { type: "sqlite", path: join(await makeTempDir(), "store.sqlite") };
  },
};

export const postgresTarget: StoreTarget = {
  name: "PostgreSQL",
  type: "postgres",
  async newDatabase() {
    return { type: "postgres", uri: await getPostgresUri() };
  },
};

export const storeTargets: readonly StoreTarget[] = [sqliteTarget, postgresTarget];

const TEMP_DIR_PREFIX = "switchboard-store-";
let runDir: Promise<string> | null = null;

/** A new directory inside this run's temp dir, which is deleted at the end of the run. */
export async function makeTempDir(): Promise<string> {
  runDir ??= makeRunDir();
  return mkdtemp(join(await runDir, "db-"));
}

async function makeRunDir(): Promise<string> {
  await reapAbandonedTempDirs(TEMP_DIR_PREFIX);
  const dir = await makeOwnedTempDir(TEMP_DIR_PREFIX);
  const removeNow = (): void => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeNow);
  registerTeardown(async () => {
    await rm(dir, { recursive: true, force: true });
    process.removeListener("exit", removeNow);
  });
  return dir;
}

/** Opens a store that is closed at the end of the run at the latest. */
export async function openTestStore(config: DatabaseConfig): Promise<Store> {
  const store = await openStore(config);
  registerTeardown(() => store.close());
  return store;
}

/**
 * Gives each test of the enclosing describe a store on a new, empty database of `target`,
 * closed after the test (also when it failed).
 */
export function useFreshStore(target: StoreTarget): { store: () => Store; config: () => DatabaseConfig } {
  let current: { store: Store; config: DatabaseConfig } | null = null;
  beforeEach(async function () {
    const config = await target.newDatabase();
    current = { store: await openTestStore(config), config };
  });
  afterEach(async function () {
    await current?.store.close();
    current = null;
  });
  return {
    store: () => required(current).store,
    config: () => required(current).config,
  };
}

function required<T>(value: T | null): T {
  if (value === null) throw new Error("no store: use inside a test");
  return value;
}
