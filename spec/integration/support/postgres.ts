// PostgreSQL for integration tests: a fresh, empty database per call.
//
// With SWITCHBOARD_TEST_POSTGRES_URI set (a URI of a user allowed to create databases, e.g. a
// CI service container), the databases are created on that server and dropped after the run.
// Otherwise one throwaway cluster is started per test run (see throwaway-postgres.ts).
import { Client } from "pg";
import { registerTeardown } from "../../support/fixtures";
import { startThrowawayPostgres } from "./throwaway-postgres";

type Server = { adminUri: string; throwaway: boolean };

// CREATE DATABASE takes about 200 ms here, mostly waiting: a few are made ahead, while tests run.
const SPARE_DATABASES = 2;

let server: Promise<Server> | null = null;
const spares: Promise<string>[] = [];
let databaseCounter = 0;

/** A URI to a new, empty database. */
export async function getPostgresUri(): Promise<string> {
  server ??= startServerOnce();
  const next = spares.shift() ?? createDatabase(await server);
  while (spares.length < SPARE_DATABASES) spares.push(makeSpare());
  return next;
}

function makeSpare(): Promise<string> {
  const spare = server!.then(createDatabase);
  // Whoever takes the spare sees its failure; until then it must not count as unhandled.
  spare.catch(() => undefined);
  return spare;
}

async function createDatabase({ adminUri, throwaway }: Server): Promise<string> {
  const name = `switchboard_test_${process.pid}_${++databaseCounter}`;
  const created = withClient(adminUri, (client) => client.query(`CREATE DATABASE "${name}"`));
  if (!throwaway) {
    registerTeardown(async () => {
      await created.catch(() => undefined);
      await withClient(adminUri, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    });
  }
  await created;
  return withDatabase(adminUri, name);
}

async function startServerOnce(): Promise<Server> {
  const external = process.env.SWITCHBOARD_TEST_POSTGRES_URI;
  const started = external ? { adminUri: external, throwaway: false } : { adminUri: await startThrowawayPostgres(), throwaway: true };
  // Runs before the server stops (teardowns run last registered first).
  registerTeardown(async () => {
    await Promise.allSettled(spares.splice(0));
  });
  return started;
}

async function withClient<T>(uri: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: uri });
  // Failures reach the caller through connect() and query(); without a listener, a connection
  // lost between queries would be an uncaught 'error' event.
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}
