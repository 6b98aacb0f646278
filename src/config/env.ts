import { isPlainObject, type Field, type ObjectField } from "./schema-dsl";

/**
 * Every scalar option can come from an environment variable named SWITCHBOARD_ plus its key path
 * in upper case with "_" between the parts, e.g. database.uri → SWITCHBOARD_DATABASE_URI.
 * A variable with the suffix _FILE names a file whose content is the value (for secret mounts).
 * Environment values win over the file.
 */
export const ENV_PREFIX = "SWITCHBOARD_";

export interface EnvBinding {
  path: string[];
  variable: string;
  field: Field<unknown>;
}

type Env = Record<string, string | undefined>;
type FileReader = (path: string) => string;

export function envBindings(schema: ObjectField<Record<string, Field<unknown>>>): EnvBinding[] {
  const out: EnvBinding[] = [];
  const seen = new Map<string, string>();
  const walk = (field: Field<unknown>, path: string[]) => {
    if (field.scalar) {
      const variable = ENV_PREFIX + path.join("_").toUpperCase();
      const clash = seen.get(variable);
      if (clash) throw new Error(`config keys ${clash} and ${path.join(".")} share the variable ${variable}`);
      seen.set(variable, path.join("."));
      out.push({ path, variable, field });
      return;
    }
    const shape = (field as Partial<ObjectField<Record<string, Field<unknown>>>>).shape;
    if (!shape) return; // maps (e.g. permissions) have free-form keys: file only
    for (const [key, child] of Object.entries(shape)) walk(child, [...path, key]);
  };
  walk(schema, []);
  return out;
}

/** Turns an environment string into the YAML type the field expects, where that is unambiguous. */
function coerce(raw: string, field: Field<unknown>): unknown {
  if (field.expected === "true or false") {
    if (/^(true|yes|1)$/i.test(raw)) return true;
    if (/^(false|no|0)$/i.test(raw)) return false;
    return raw;
  }
  if (field.expected.startsWith("an integer") && /^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

export interface EnvOverride {
  path: string;
  variable: string;
}

/** Writes environment values into the raw YAML object; returns which keys were overridden. */
export function applyEnvironment(
  raw: Record<string, unknown>,
  bindings: EnvBinding[],
  env: Env,
  readFile: FileReader,
): EnvOverride[] {
  const applied: EnvOverride[] = [];
  for (const binding of bindings) {
    let value = env[binding.variable];
    let variable = binding.variable;
    const fileVariable = binding.variable + "_FILE";
    if (value === undefined && env[fileVariable] !== undefined) {
      variable = fileVariable;
      value = readFile(env[fileVariable]!).replace(/\r?\n$/, "");
    }
    if (value === undefined) continue;
    setPath(raw, binding.path, coerce(value, binding.field));
    applied.push({ path: binding.path.join("."), variable });
  }
  return applied;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
