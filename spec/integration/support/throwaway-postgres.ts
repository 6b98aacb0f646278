// A throwaway PostgreSQL cluster from Debian's packages: a fresh temp dir, loopback only, trust
// auth, fsync off. Run as the postgres OS user when we are root (the server refuses root).
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { chown, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { registerTeardown } from "../../support/fixtures";
import { makeOwnedTempDir, reapAbandonedTempDirs } from "./owned-temp-dir";

const run = promisify(execFile);

const PREFERRED_VERSION = "15";
const DEBIAN_POSTGRES_ROOT = "/usr/lib/postgresql";
const TEMP_DIR_PREFIX = "switchboard-pg-";
const SUPERUSER = "postgres";

/**
 * Starts a cluster that stops with the test run (through registerTeardown, or on process exit)
 * and returns a superuser URI to its `postgres` database.
 */
export async function startThrowawayPostgres(): Promise<string> {
  const tools = new PostgresTools(findBinaries(), process.getuid?.() === 0);
  // Clusters of runs that were killed outright (no teardown ran) are stopped and deleted here.
  await reapAbandonedTempDirs(TEMP_DIR_PREFIX, async (dir) => tools.stopSync(join(dir, "data")));

  const baseDir = await makeOwnedTempDir(TEMP_DIR_PREFIX);
  const dataDir = join(baseDir, "data");
  const logFile = join(baseDir, "server.log");
  const stopOnExit = (): void => {
    tools.stopSync(dataDir);
    rmSync(baseDir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once("exit", stopOnExit);
  registerTeardown(async () => {
    await tools.stop(dataDir);
    await rm(baseDir, { recursive: true, force: true, maxRetries: 3 });
    process.removeListener("exit", stopOnExit);
  });

  if (tools.asPostgresUser) await chown(baseDir, postgresId("-u"), postgresId("-g"));
  await tools.run("initdb", ["-D", dataDir, "--auth=trust", `--username=${SUPERUSER}`, "--no-sync", "--encoding=UTF8", "--locale=C"]);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${baseDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  try {
    await tools.run("pg_ctl", ["start", "-w", "-D", dataDir, "-l", logFile, "-o", serverOptions]);
  } catch (err) {
    const serverLog = existsSync(logFile) ? readFileSync(logFile, "utf8") : "(no log)";
    throw new Error(`The throwaway PostgreSQL did not start: ${String(err)}\n${serverLog}`, { cause: err });
  }
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
}

class PostgresTools {
  constructor(
    private readonly binDir: string,
    readonly asPostgresUser: boolean,
  ) {}

  async run(tool: string, args: string[]): Promise<void> {
    await run(...this.command(tool, args));
  }

  /** Immediate shutdown, if a server runs on `dataDir`. */
  async stop(dataDir: string): Promise<void> {
    if (!existsSync(join(dataDir, "postmaster.pid"))) return;
    await this.run("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w"]).catch(() => killPostmaster(dataDir));
  }

  /** The same, synchronously: on 'exit' nothing asynchronous runs any more. */
  stopSync(dataDir: string): void {
    if (!existsSync(join(dataDir, "postmaster.pid"))) return;
    try {
      execFileSync(...this.command("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w"]), { stdio: "ignore", timeout: 10_000 });
    } catch {
      killPostmaster(dataDir);
    }
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const path = join(this.binDir, tool);
    return this.asPostgresUser ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
  }
}

function findBinaries(): string {
  const versions = existsSync(DEBIAN_POSTGRES_ROOT)
    ? readdirSync(DEBIAN_POSTGRES_ROOT).filter((version) => existsSync(join(DEBIAN_POSTGRES_ROOT, version, "bin", "initdb")))
    : [];
  const version = versions.includes(PREFERRED_VERSION) ? PREFERRED_VERSION : versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version) {
    throw new Error(
      `PostgreSQL server binaries not found in ${DEBIAN_POSTGRES_ROOT}/${PREFERRED_VERSION}/bin: ` +
        "install them (apt-get install postgresql) or set SWITCHBOARD_TEST_POSTGRES_URI to a server to use",
    );
  }
  return join(DEBIAN_POSTGRES_ROOT, version, "bin");
}

/** SIGQUIT (immediate shutdown) to the postmaster serving `dataDir`, if there is one. */
function killPostmaster(dataDir: string): void {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    // The pid in a stale file may have been reused: only signal a postgres serving this dir.
    if (pid > 0 && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir)) process.kill(pid, "SIGQUIT");
  } catch {
    // Not running.
  }
}

function postgresId(flag: "-u" | "-g"): number {
  return Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
