// Temp dirs that record the test process owning them, so that a later run can clean up after a
// run that was killed outright (SIGKILL runs no teardown and no 'exit' handler).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OWNER_FILE = "owner.pid";

export async function makeOwnedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

/**
 * Deletes the temp dirs with this prefix whose owning process is gone, after letting
 * `beforeDelete` stop what may still run from them.
 */
export async function reapAbandonedTempDirs(
  prefix: string,
  beforeDelete: (dir: string) => Promise<void> = async () => undefined,
): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(tmpdir(), name);
    const owner = ownerOf(dir);
    if (owner === null || isAlive(owner)) continue;
    await beforeDelete(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function ownerOf(dir: string): number | null {
  const file = join(dir, OWNER_FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
