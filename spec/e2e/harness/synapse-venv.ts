import { appendFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { switchboardCacheDir } from "./cache-dir";
import { withDirLock } from "./dir-lock";
import { runCommand } from "./run-command";
import { pinnedSynapseVersion, SYNAPSE_REQUIREMENTS, synapsePins } from "./synapse-requirements";

export interface SynapseVenv {
  dir: string;
  python: string;
  version: string;
}

// pip downloads and installs about 60 packages on a cold install (about 30 s here).
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

// Prints {package: installed version or null} for every pin the venv does not satisfy.
const CHECK_PINS = `
import json, sys
from importlib.metadata import version, PackageNotFoundError
import synapse
wrong = {}
for name, wanted in json.loads(sys.argv[1]).items():
    try:
        installed = version(name)
    except PackageNotFoundError:
        installed = None
    if installed != wanted:
        wrong[name] = installed
print(json.dumps(wrong))
`;

export function synapseVenvDir(): string {
  return join(switchboardCacheDir(), "synapse-venv");
}

/**
 * Returns the cached Synapse virtualenv, (re)creating it first when it is missing, broken or
 * differs from synapse-requirements.txt. Safe to call from concurrent runs (they wait on a lock).
 */
export async function ensureSynapseVenv(): Promise<SynapseVenv> {
  const dir = synapseVenvDir();
  const python = join(dir, "bin", "python");
  const venv = { dir, python, version: pinnedSynapseVersion() };
  if ((await venvMismatch(python)) === undefined) return venv;
  await withDirLock(`${dir}.lock`, async () => {
    // Another run may have built it while this one waited for the lock.
    const mismatch = await venvMismatch(python);
    if (mismatch === undefined) return;
    await createVenv(dir, mismatch);
    const after = await venvMismatch(python);
    if (after !== undefined) throw new Error(`the Synapse venv ${dir} still differs after installing: ${after}`);
  });
  return venv;
}

/** Why the venv does not match the pins, or undefined when it does. */
async function venvMismatch(python: string): Promise<string | undefined> {
  let result;
  try {
    result = await runCommand(python, ["-c", CHECK_PINS, JSON.stringify(synapsePins())], { timeoutMs: 60_000 });
  } catch {
    return "it is missing";
  }
  if (result.code !== 0) return "it is missing or broken";
  const wrong = Object.entries(JSON.parse(result.stdout) as Record<string, string | null>);
  if (!wrong.length) return undefined;
  const shown = wrong.slice(0, 3).map(([name, installed]) => `${name} ${installed ?? "missing"}`);
  return `it has ${shown.join(", ")}${wrong.length > 3 ? ` and ${wrong.length - 3} more differences` : ""}`;
}

async function createVenv(dir: string, reason: string): Promise<void> {
  const logPath = join(switchboardCacheDir(), "synapse-install.log");
  process.stderr.write(
    `Creating the Synapse ${pinnedSynapseVersion()} virtualenv in ${dir} (${reason}); ` +
      `this takes a minute or so. Log: ${logPath}\n`,
  );
  const started = Date.now();
  await rm(dir, { recursive: true, force: true });
  const systemPython = process.env.SWITCHBOARD_PYTHON || "python3";
  await step(logPath, systemPython, ["-m", "venv", dir]);
  await step(logPath, join(dir, "bin", "pip"), [
    "install",
    "--disable-pip-version-check",
    "--no-input",
    "-r",
    SYNAPSE_REQUIREMENTS,
  ]);
  process.stderr.write(`Synapse installed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

async function step(logPath: string, command: string, args: string[]): Promise<void> {
  const line = `${command} ${args.join(" ")}`;
  await appendFile(logPath, `\n$ ${line}  # ${new Date().toISOString()}\n`);
  const result = await runCommand(command, args, { timeoutMs: INSTALL_TIMEOUT_MS });
  await appendFile(logPath, result.stdout + result.stderr);
  if (result.code !== 0) {
    const tail = (result.stdout + result.stderr).trimEnd().split("\n").slice(-30).join("\n");
    throw new Error(`${line} exited with ${result.code}:\n${tail}`);
  }
}
