import { homedir } from "node:os";
import { join } from "node:path";

/** Cache shared by test runs (Synapse virtualenv, leftover-process records): survives between runs. */
export function switchboardCacheDir(): string {
  return process.env.SWITCHBOARD_CACHE_DIR || join(homedir(), ".cache", "switchboard");
}
