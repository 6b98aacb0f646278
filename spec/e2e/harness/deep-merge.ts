export type ConfigTree = { [key: string]: unknown };

function isPlainObject(value: unknown): value is ConfigTree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns `base` with `overrides` merged in, recursively for objects; arrays and scalars replace.
 * A key present in `overrides` with the value `undefined` removes that key. Inputs are not modified.
 */
export function deepMerge(base: ConfigTree, overrides: ConfigTree | undefined): ConfigTree {
  const merged: ConfigTree = structuredClone(base);
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(merged[key])) merged[key] = deepMerge(merged[key], value);
    else merged[key] = structuredClone(value);
  }
  return merged;
}
