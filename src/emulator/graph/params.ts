import { invalidParameter, nonexistingField } from "./common-errors";

/** Request parameters: the query (without auth) merged with the body, as Graph reads them. */
export type Params = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function at(path: string, key: string): string {
  return path ? `${path}[${key}]` : key;
}

export function rejectUnknownKeys(object: Params, allowed: readonly string[], path = ""): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw invalidParameter(`Unexpected key "${key}" on param "${path || "the request"}"`);
  }
}

export function requireObject(object: Params, key: string, path = ""): Params {
  const value = object[key];
  if (value === undefined) throw invalidParameter(`The parameter ${at(path, key)} is required`);
  if (!isPlainObject(value)) throw invalidParameter(`Param ${at(path, key)} must be an object, got ${describeType(value)}`);
  return value;
}

export function optionalObject(object: Params, key: string, path = ""): Params | undefined {
  return object[key] === undefined ? undefined : requireObject(object, key, path);
}

export function requireString(object: Params, key: string, path = ""): string {
  const value = object[key];
  if (value === undefined || value === null) throw invalidParameter(`The parameter ${at(path, key)} is required`);
  if (typeof value !== "string") throw invalidParameter(`Param ${at(path, key)} must be a string, got ${describeType(value)}`);
  return value;
}

export function requireNonEmptyString(object: Params, key: string, path = ""): string {
  const value = requireString(object, key, path);
  if (value.trim() === "") throw invalidParameter(`Param ${at(path, key)} must be a non-empty string`);
  return value;
}

export function optionalString(object: Params, key: string, path = ""): string | undefined {
  return object[key] === undefined ? undefined : requireString(object, key, path);
}

/** Booleans may come as JSON booleans or, from form posts, as "true"/"false". */
export function optionalBoolean(object: Params, key: string, path = ""): boolean | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw invalidParameter(`Param ${at(path, key)} must be a boolean, got ${describeType(value)}`);
}

export function requireOneOf<T extends string>(object: Params, key: string, allowed: readonly T[], path = ""): T {
  const value = requireString(object, key, path);
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(`Param ${at(path, key)} must be one of {${allowed.join(", ")}}, got "${value}"`);
  }
  return value as T;
}

export function optionalOneOf<T extends string>(object: Params, key: string, allowed: readonly T[], path = ""): T | undefined {
  return object[key] === undefined ? undefined : requireOneOf(object, key, allowed, path);
}

export function requireArray(object: Params, key: string, path = ""): unknown[] {
  const value = object[key];
  if (!Array.isArray(value)) throw invalidParameter(`Param ${at(path, key)} must be an array`);
  return value;
}

/** Exactly one of the keys is present; returns it. */
export function exactlyOneOf(object: Params, keys: readonly string[], path = ""): string {
  const present = keys.filter((key) => object[key] !== undefined);
  if (present.length !== 1) {
    const where = path ? ` in ${path}` : "";
    throw invalidParameter(`Exactly one of ${keys.join(", ")} must be set${where} (got ${present.length ? present.join(", ") : "none"})`);
  }
  return present[0]!;
}

export function requireHttpUrl(object: Params, key: string, path = ""): string {
  const value = requireNonEmptyString(object, key, path);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(`Param ${at(path, key)} must be a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalidParameter(`Param ${at(path, key)} must be an http(s) URL`);
  return value;
}

/** The `fields` parameter of a GET, checked against what the node type has. */
export function requestedFields(params: Params, available: readonly string[], defaults: readonly string[], nodeType: string): string[] {
  const raw = params.fields;
  if (raw === undefined) return [...defaults];
  if (typeof raw !== "string") throw invalidParameter("Param fields must be a comma-separated string");
  const fields = raw.split(",").map((field) => field.trim()).filter(Boolean);
  for (const field of fields) {
    if (!available.includes(field)) throw nonexistingField(field, nodeType);
  }
  return fields;
}
