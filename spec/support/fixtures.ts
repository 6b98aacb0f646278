// Loaded by mocha for every run (see .mocharc.json). Suites that start servers or processes
// register their teardown here, so everything stops after the run, also when a test failed
// or the run was interrupted.
type Teardown = () => Promise<void> | void;

// Kept on globalThis: mocha may load this file through a different module loader than the
// spec files that import it, and both must see one list.
const KEY = Symbol.for("switchboard.spec.teardowns");
const registry = globalThis as unknown as Record<symbol, Teardown[] | undefined>;
const teardowns: Teardown[] = (registry[KEY] ??= []);

export function registerTeardown(fn: Teardown): void {
  teardowns.push(fn);
}

export async function runTeardowns(): Promise<void> {
  while (teardowns.length) {
    const fn = teardowns.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error("teardown failed:", err);
    }
  }
}

export async function mochaGlobalTeardown(): Promise<void> {
  await runTeardowns();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void runTeardowns().finally(() => process.exit(130));
  });
}

// Bridge logs inside test processes are noise unless asked for (SWITCHBOARD_TEST_LOG=debug).
import { configureLogging, type LogLevel } from "../../src/logging/logger";
const testLogLevel = process.env.SWITCHBOARD_TEST_LOG as LogLevel | undefined;
configureLogging(testLogLevel ?? "error", testLogLevel ? undefined : { write: () => undefined });
