import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The one place the end-to-end Synapse version is pinned, with its dependencies. */
export const SYNAPSE_REQUIREMENTS = join(__dirname, "synapse-requirements.txt");

/** Package name → pinned version, from the requirements file's `name==version` lines. */
export function synapsePins(): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const line of readFileSync(SYNAPSE_REQUIREMENTS, "utf8").split("\n")) {
    const match = /^([A-Za-z0-9._-]+)==(\S+)$/.exec(line.trim());
    if (match) pins[match[1]!] = match[2]!;
  }
  return pins;
}

export function pinnedSynapseVersion(): string {
  const version = synapsePins()["matrix-synapse"];
  if (!version) throw new Error(`${SYNAPSE_REQUIREMENTS} pins no matrix-synapse version`);
  return version;
}
