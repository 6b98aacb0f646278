import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { switchboardCacheDir } from "./cache-dir";
import { keepTempDirs } from "./keep-temp-dirs";
import { isProcessAlive } from "./process-alive";

// Children run in their own process groups, so a test run killed with SIGKILL (e.g. by a CI timeout)
// would leave them running. Each child is recorded here while it runs; the next run kills the
// groups whose owning test process is gone and deletes their temp dirs.

interface ChildRecord {
  ownerPid: number;
  pgid: number;
  name: string;
  /** A string found in the child's command line, so a recycled pid is never killed by mistake. */
  marker: string;
  tempDir?: string;
}

function recordsDir(): string {
  return join(switchboardCacheDir(), "e2e-children");
}

export function recordChild(record: Omit<ChildRecord, "ownerPid">): void {
  mkdirSync(recordsDir(), { recursive: true });
  const path = join(recordsDir(), `${record.pgid}.json`);
  // Written aside and renamed, so a concurrent run never reads half a record.
  writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify({ ...record, ownerPid: process.pid }));
  renameSync(`${path}.${process.pid}.tmp`, path);
}

export function forgetChild(pgid: number): void {
  rmSync(join(recordsDir(), `${pgid}.json`), { force: true });
}

/** Kills children left behind by dead test runs; returns what it reaped, for the log. */
export function reapLeftoverChildren(): string[] {
  let files: string[];
  try {
    files = readdirSync(recordsDir()).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  const reaped: string[] = [];
  for (const file of files) {
    const path = join(recordsDir(), file);
    const record = readRecord(path);
    if (!record || isProcessAlive(record.ownerPid)) continue;
    if (commandLineOf(record.pgid)?.includes(record.marker)) {
      killGroup(record.pgid);
      reaped.push(`${record.name} (pgid ${record.pgid})`);
    }
    if (record.tempDir && !keepTempDirs()) rmSync(record.tempDir, { recursive: true, force: true });
    rmSync(path, { force: true });
  }
  return reaped;
}

function readRecord(path: string): ChildRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as ChildRecord;
  } catch {
    return undefined;
  }
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return undefined;
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
