// Runs detached beside a test run: when the run's process is gone, kills the children it left
// (e.g. after a CI timeout killed it with SIGKILL, which no exit hook survives), then exits.
//   node --import tsx watchdog.ts <owner pid>
import { reapLeftoverChildren } from "./leftovers";
import { isProcessAlive } from "./process-alive";

const POLL_MS = 1_000;

function watch(ownerPid: number): void {
  const timer = setInterval(() => {
    if (isProcessAlive(ownerPid)) return;
    clearInterval(timer);
    reapLeftoverChildren();
  }, POLL_MS);
}

// Only as a script: mocha may load every .ts file under spec/e2e (e.g. with --recursive).
if (require.main === module) {
  const ownerPid = Number.parseInt(process.argv[2] ?? "", 10);
  if (Number.isInteger(ownerPid) && ownerPid > 0) watch(ownerPid);
  else {
    process.stderr.write("usage: watchdog.ts <owner pid>\n");
    process.exitCode = 2;
  }
}
