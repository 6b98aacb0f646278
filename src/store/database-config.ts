export type DatabaseConfig = { type: "sqlite"; path: string } | { type: "postgres"; uri: string };

const DISPLAY_NAMES: Record<DatabaseConfig["type"], string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

export function databaseDisplayName(config: DatabaseConfig): string {
  return DISPLAY_NAMES[config.type];
}

/**
 * Where the database is, safe to show and log: a PostgreSQL URI loses its user, password and
 * query string (which may carry a password too).
 */
export function describeDatabaseTarget(config: DatabaseConfig): string {
  if (config.type === "sqlite") return config.path;
  return redactPostgresUri(config.uri);
}

export function redactPostgresUri(uri: string): string {
  const url = parsePostgresUri(uri);
  // Anything else is not shown at all: where the credentials end in it is anyone's guess.
  if (!url) return "(not a postgres:// URI)";
  return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}

export function isPostgresUri(uri: string): boolean {
  return parsePostgresUri(uri) !== null;
}

function parsePostgresUri(uri: string): URL | null {
  const url = parseUrl(uri);
  return url && (url.protocol === "postgres:" || url.protocol === "postgresql:") ? url : null;
}

/** Every credential a URI carries, to scrub from driver messages. */
export function uriSecrets(uri: string): string[] {
  const url = parseUrl(uri);
  if (!url) return [];
  const secrets = [url.password, safeDecode(url.password), url.searchParams.get("password") ?? ""];
  return secrets.filter((secret) => secret.length > 0);
}

function parseUrl(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
