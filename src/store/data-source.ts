import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { DataSource } from "typeorm";
import type { DataSourceOptions } from "typeorm";
import { describeError, getLogger } from "../logging/logger";
import type { DatabaseConfig } from "./database-config";
import { databaseDisplayName, describeDatabaseTarget, isPostgresUri, uriSecrets } from "./database-config";
import { allEntities } from "./entities/all-entities";
import { allMigrations } from "./migrations/all-migrations";
import type { Store } from "./store";
import { createStore } from "./store";
import { StoreOpenError } from "./store-errors";

export type { DatabaseConfig } from "./database-config";

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

const log = getLogger("store");

/** Opens the database, bringing its schema up to date. */
export async function openStore(config: DatabaseConfig): Promise<Store> {
  const kind = databaseDisplayName(config);
  const target = describeDatabaseTarget(config);
  const dataSource = new DataSource(await dataSourceOptions(config, kind, target));
  try {
    await dataSource.initialize();
  } catch (err) {
    // A connection may have opened before a later step failed.
    await dataSource.driver.disconnect().catch(() => undefined);
    throw openError(config, `Cannot open the ${kind} database at ${target}`, err);
  }
  try {
    const applied = await dataSource.runMigrations({ transaction: "all" });
    log.info("database opened", { type: config.type, target, migrationsApplied: applied.length });
    for (const migration of applied) log.info("migration applied", { migration: migration.name });
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw openError(config, `Cannot bring the schema of the ${kind} database at ${target} up to date`, err);
  }
  return createStore(dataSource);
}

async function dataSourceOptions(config: DatabaseConfig, kind: string, target: string): Promise<DataSourceOptions> {
  const common = {
    entities: allEntities,
    migrations: allMigrations,
    migrationsTableName: "switchboard_migrations",
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (config.type === "sqlite") {
    if (config.path !== ":memory:") {
      try {
        await mkdir(dirname(config.path), { recursive: true });
      } catch (err) {
        throw openError(config, `Cannot create the directory for the ${kind} database at ${target}`, err);
      }
    }
    // TypeORM's SQLite driver also turns on foreign_keys for its connection.
    return { ...common, type: "sqlite", database: config.path, enableWAL: true, busyTimeout: SQLITE_BUSY_TIMEOUT_MS };
  }
  if (!isPostgresUri(config.uri)) {
    throw new StoreOpenError(
      `The ${kind} database URI is not valid: expected postgres://user:password@host:port/database`,
    );
  }
  return { ...common, type: "postgres", url: config.uri, connectTimeoutMS: POSTGRES_CONNECT_TIMEOUT_MS };
}

function openError(config: DatabaseConfig, what: string, err: unknown): StoreOpenError {
  return new StoreOpenError(`${what}: ${scrub(config, describeError(err))}`, { cause: err });
}

/** Driver messages should never echo credentials, but make sure. */
function scrub(config: DatabaseConfig, text: string): string {
  if (config.type === "sqlite") return text;
  return uriSecrets(config.uri).reduce((scrubbed, secret) => scrubbed.split(secret).join("***"), text);
}
