import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parseDocument } from "yaml";
import { crossChecks } from "./checks";
import { applyEnvironment, envBindings, type EnvOverride } from "./env";
import { ConfigError, ConfigMissingError, formatIssue } from "./errors";
import { configSchema, type Config } from "./schema";
import { interpolateEnvironment } from "./interpolate";
import { isPlainObject, type ConfigIssue } from "./schema-dsl";

export interface LoadedConfig {
  config: Config;
  /** absolute path of the file it came from */
  file: string;
  /** keys whose value came from the environment */
  fromEnvironment: EnvOverride[];
}

const bindings = envBindings(configSchema);

/**
 * Reads, merges environment overrides into, and validates a config file. Relative file paths in
 * the config (registration, SQLite database) are resolved against the config file's directory.
 */
export function loadConfig(file: string, env: Record<string, string | undefined> = process.env): LoadedConfig {
  const absolute = resolve(file);
  if (!existsSync(absolute)) throw new ConfigMissingError(file);
  return parseConfig(readFileSync(absolute, "utf8"), absolute, env);
}

export function parseConfig(text: string, file: string, env: Record<string, string | undefined> = {}): LoadedConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new ConfigError(file, doc.errors.map((e) => `YAML syntax: ${e.message}`));
  const issues: ConfigIssue[] = [];
  const raw: unknown = interpolateEnvironment(doc.toJS() ?? {}, env, "", issues);
  if (!isPlainObject(raw)) throw new ConfigError(file, [`the top level is not a mapping (expected keys such as homeserver, appservice, networks)`]);

  let fromEnvironment: EnvOverride[];
  try {
    fromEnvironment = applyEnvironment(raw, bindings, env, (path) => readFileSync(path, "utf8"));
  } catch (err) {
    throw new ConfigError(file, [`reading a *_FILE environment variable failed: ${(err as Error).message}`]);
  }

  const config = configSchema.parse(raw, "", issues);
  if (issues.length || !config) {
    const sources = new Map(fromEnvironment.map((o) => [o.path, o.variable]));
    throw new ConfigError(
      file,
      issues.map((issue) => {
        const variable = sources.get(issue.path);
        return formatIssue(issue) + (variable ? ` [set by ${variable}]` : "");
      }),
    );
  }
  const problems = crossChecks(config);
  if (problems.length) throw new ConfigError(file, problems);

  const base = dirname(file);
  const inConfigDir = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  config.appservice.registration = inConfigDir(config.appservice.registration);
  config.database.path = inConfigDir(config.database.path);
  return { config, file, fromEnvironment };
}
