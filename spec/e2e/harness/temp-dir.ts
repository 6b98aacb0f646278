import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerTeardown } from "../../support/fixtures";
import { keepTempDirs } from "./keep-temp-dirs";

/**
 * A fresh directory under the OS temp dir, deleted on teardown unless SWITCHBOARD_E2E_KEEP_TMP is set.
 */
export function makeTempDir(prefix = "switchboard-e2e-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  registerTeardown(() => {
    if (keepTempDirs()) {
      process.stderr.write(`kept e2e temp dir ${dir}\n`);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
