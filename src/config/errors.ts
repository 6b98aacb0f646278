import type { ConfigIssue } from "./schema-dsl";

/** The config cannot be used; the CLI prints the message and exits with code 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : "\n  " + problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/** There is no config file yet: tell the user how to make one. */
export class ConfigMissingError extends ConfigError {
  constructor(file: string) {
    super(file, [
      "no such file. To set Switchboard up:\n" +
        "  1. cp config.sample.yaml config.yaml   and edit it (homeserver, networks)\n" +
        "  2. npx switchboard --generate-registration -c config.yaml -f registration.yaml\n" +
        "  3. add registration.yaml to app_service_config_files in your homeserver.yaml and restart it\n" +
        "  4. npx switchboard -c config.yaml",
    ]);
    this.name = "ConfigMissingError";
  }
}

const SECRET_KEY = /(token|secret|password|pickle_key|(^|\.)uri$)/;

function describeValue(path: string, value: unknown): string {
  if (SECRET_KEY.test(path) && typeof value === "string") return `(hidden, ${value.length} characters)`;
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "a list" : "a mapping";
}

export function formatIssue(issue: ConfigIssue): string {
  if (issue.missing) return `${issue.path}: missing required key (expected ${issue.expected})`;
  if (issue.unknown) return `${issue.path}: unknown key (${issue.path.split(".").length > 1 ? "its section takes " : ""}${issue.expected})`;
  return `${issue.path}: ${describeValue(issue.path, issue.value)} is not valid (expected ${issue.expected})`;
}
