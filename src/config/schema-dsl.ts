/**
 * A small declarative schema for the YAML config: each field knows its type, its default, how to
 * describe what it expects, and (for scalars) how to read itself from an environment variable.
 * Validation collects every problem with the key path, the bad value and what was expected.
 */

export interface ConfigIssue {
  path: string;
  value: unknown;
  expected: string;
  /** true when the key is absent (the value is then meaningless) */
  missing?: boolean;
  /** true when the key is not part of the schema */
  unknown?: boolean;
}

export interface Field<T> {
  readonly expected: string;
  /** present when the key may be left out */
  readonly fallback?: () => T;
  /** scalars can be set from an environment variable; objects and maps cannot */
  readonly scalar: boolean;
  parse(value: unknown, path: string, issues: ConfigIssue[]): T | undefined;
}

export type Infer<F> = F extends Field<infer T> ? T : never;

type Shape = Record<string, Field<unknown>>;
export type InferShape<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

interface ScalarOptions<T> {
  default?: T;
}

function scalarField<T>(
  expected: string,
  options: ScalarOptions<T>,
  accept: (value: unknown) => value is T,
  refine?: (value: T) => boolean,
): Field<T> {
  const hasDefault = options.default !== undefined;
  const fallbackValue = options.default as T;
  return {
    expected,
    scalar: true,
    fallback: hasDefault ? () => fallbackValue : undefined,
    parse(value, path, issues) {
      if (accept(value) && (!refine || refine(value))) return value;
      issues.push({ path, value, expected });
      return undefined;
    },
  };
}

const isString = (v: unknown): v is string => typeof v === "string";
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
const isInteger = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

export interface StringOptions extends ScalarOptions<string> {
  /** the value must match this whole pattern */
  pattern?: RegExp;
  /** human description of the pattern, used in error messages */
  describe?: string;
  allowEmpty?: boolean;
}

export function str(options: StringOptions = {}): Field<string> {
  const expected = options.describe ?? (options.allowEmpty ? "a string" : "a non-empty string");
  return scalarField(expected, options, isString, (v) => {
    if (v === "") return options.allowEmpty === true;
    return !options.pattern || options.pattern.test(v);
  });
}

export function oneOf<const V extends string>(values: readonly V[], options: ScalarOptions<V> = {}): Field<V> {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  return scalarField(expected, options, (v): v is V => isString(v) && (values as readonly string[]).includes(v));
}

export function bool(options: ScalarOptions<boolean> = {}): Field<boolean> {
  return scalarField("true or false", options, isBoolean);
}

export function int(options: ScalarOptions<number> & { min?: number; max?: number } = {}): Field<number> {
  const { min, max } = options;
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : "";
  return scalarField(`an integer${range}`, options, isInteger, (v) => (min === undefined || v >= min) && (max === undefined || v <= max));
}

export function url(options: ScalarOptions<string> & { schemes?: string[] } = {}): Field<string> {
  const schemes = options.schemes ?? ["http", "https"];
  const expected = `a URL starting with ${schemes.map((s) => s + "://").join(" or ")}`;
  return scalarField(expected, options, isString, (v) => {
    try {
      const parsed = new URL(v);
      return schemes.includes(parsed.protocol.replace(/:$/, ""));
    } catch {
      return false;
    }
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface ObjectField<S extends Shape> extends Field<InferShape<S>> {
  readonly shape: S;
}

/** An object with a fixed set of keys; unknown keys are errors. Absent when every key has a default. */
export function obj<S extends Shape>(shape: S): ObjectField<S> {
  const keys = Object.keys(shape);
  const allDefaulted = keys.every((k) => shape[k]!.fallback !== undefined);
  const parse = (value: unknown, path: string, issues: ConfigIssue[]): InferShape<S> | undefined => {
    if (value === undefined || value === null) value = {};
    if (!isPlainObject(value)) {
      issues.push({ path, value, expected: `a mapping with keys ${keys.join(", ")}` });
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!(key in shape)) {
        issues.push({ path: join(path, key), value: value[key], expected: `one of the keys ${keys.join(", ")}`, unknown: true });
      }
    }
    for (const key of keys) {
      const field = shape[key]!;
      const childPath = join(path, key);
      const raw = value[key];
      if (raw === undefined || raw === null) {
        if (field.fallback) {
          out[key] = field.fallback();
        } else {
          issues.push({ path: childPath, value: undefined, expected: field.expected, missing: true });
        }
        continue;
      }
      out[key] = field.parse(raw, childPath, issues);
    }
    return out as InferShape<S>;
  };
  return {
    shape,
    expected: `a mapping with keys ${keys.join(", ")}`,
    scalar: false,
    fallback: allDefaulted ? () => parse({}, "", []) as InferShape<S> : undefined,
    parse,
  };
}

/** A mapping from free-form keys (checked by `keyPattern`) to values of one field type. */
export function record<T>(
  value: Field<T>,
  options: { keyPattern?: RegExp; describeKey?: string; default?: Record<string, T> } = {},
): Field<Record<string, T>> {
  const expected = `a mapping of ${options.describeKey ?? "names"} to ${value.expected}`;
  const defaults = options.default;
  return {
    expected,
    scalar: false,
    fallback: defaults ? () => ({ ...defaults }) : undefined,
    parse(raw, path, issues) {
      if (!isPlainObject(raw)) {
        issues.push({ path, value: raw, expected });
        return undefined;
      }
      const out: Record<string, T> = {};
      for (const [key, item] of Object.entries(raw)) {
        if (options.keyPattern && !options.keyPattern.test(key)) {
          issues.push({ path: join(path, key), value: key, expected: `a key that is ${options.describeKey ?? "valid"}` });
          continue;
        }
        const parsed = value.parse(item, join(path, key), issues);
        if (parsed !== undefined) out[key] = parsed;
      }
      return out;
    },
  };
}

/** A YAML sequence of one field type. */
export function list<T>(item: Field<T>, options: { default?: T[] } = {}): Field<T[]> {
  const expected = `a list of ${item.expected}`;
  const defaults = options.default;
  return {
    expected,
    scalar: false,
    fallback: defaults ? () => [...defaults] : undefined,
    parse(raw, path, issues) {
      if (!Array.isArray(raw)) {
        issues.push({ path, value: raw, expected });
        return undefined;
      }
      const out: T[] = [];
      raw.forEach((value, index) => {
        const parsed = item.parse(value, `${path}[${index}]`, issues);
        if (parsed !== undefined) out.push(parsed);
      });
      return out;
    },
  };
}

export function join(path: string, key: string): string {
  const segment = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${segment}` : segment;
}
