import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isProcessAlive } from "./process-alive";

const POLL_MS = 500;

/**
 * Runs `fn` while holding a lock directory, so two test runs on one machine never build the same
 * cache entry at once. `mkdir` is atomic; a lock whose owner died is taken over.
 */
export async function withDirLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  await acquire(lockDir);
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function acquire(lockDir: string): Promise<void> {
  await mkdir(dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, "owner"), String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = await readOwner(lockDir);
    // No owner file yet means the holder is between mkdir and writeFile: wait for it.
    if (owner !== undefined && !isProcessAlive(owner)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      process.stderr.write(`waiting for lock ${lockDir} (held by pid ${owner ?? "?"})\n`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function readOwner(lockDir: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(join(lockDir, "owner"), "utf8"), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
