import type { ConfigIssue } from "./schema-dsl";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` in every string of the raw config with the environment variable NAME, so
 * secrets anywhere (also inside lists, e.g. an account's token) can stay out of the file.
 * A reference to an unset variable is a problem, not an empty string.
 */
export function interpolateEnvironment(value: unknown, env: Record<string, string | undefined>, path: string, issues: ConfigIssue[]): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (whole, name: string) => {
      const replacement = env[name];
      if (replacement === undefined) {
        issues.push({ path, value: whole, expected: `the environment variable ${name} to be set` });
        return whole;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnvironment(item, env, `${path}[${i}]`, issues));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateEnvironment(item, env, path ? `${path}.${key}` : key, issues)]),
    );
  }
  return value;
}
