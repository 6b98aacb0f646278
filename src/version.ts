import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

function findPackageJson(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above " + from);
    dir = parent;
  }
  return join(dir, "package.json");
}

function readVersion(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

/** Switchboard's own version (from package.json, found from source or from dist/). */
export const VERSION = readVersion(findPackageJson(__dirname));

export function dependencyVersion(name: string): string {
  try {
    return readVersion(findPackageJson(dirname(require.resolve(name))));
  } catch {
    return "unknown";
  }
}
