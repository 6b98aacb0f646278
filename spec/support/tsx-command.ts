import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The repository this harness belongs to. */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/**
 * `node --import tsx <script> <args>` as a command and arguments that work from any working
 * directory (a bare `tsx` only resolves from inside the project).
 */
export function tsxCommand(scriptPath: string, args: readonly string[]): { command: string; args: string[] } {
  const tsxLoader = pathToFileURL(join(dirname(require.resolve("tsx/package.json")), "dist", "loader.mjs")).href;
  return { command: process.execPath, args: ["--import", tsxLoader, scriptPath, ...args] };
}

/** Environment for such processes: tsx must use the project's tsconfig wherever they run. */
export function tsxEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, TSX_TSCONFIG_PATH: join(PROJECT_ROOT, "tsconfig.json"), ...extra };
}
