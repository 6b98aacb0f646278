// Pre-installs the pinned Synapse into the cached virtualenv, e.g. from CI before the tests:
//   node --import tsx spec/e2e/harness/install-synapse.ts
// Prints the virtualenv's directory on stdout; does nothing when it is already current.
import { ensureSynapseVenv } from "./synapse-venv";

// Only as a script: mocha may load every .ts file under spec/e2e (e.g. with --recursive).
if (require.main === module) {
  ensureSynapseVenv().then(
    (venv) => {
      process.stdout.write(`${venv.dir}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
