/** A value that has a canonical JSON form: no floats, no undefined, plain objects only. */
export class CanonicalJsonError extends Error {
  override name = "CanonicalJsonError";
}

/**
 * Matrix canonical JSON: object keys sorted by Unicode code point, no insignificant whitespace,
 * UTF-8 characters as they are, integers only.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${value} has no canonical JSON form (integers only)`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new CanonicalJsonError(`a ${typeof value} has no canonical JSON form`);
}

// JavaScript compares UTF-16 code units; canonical JSON sorts by code point (they differ only
// above U+FFFF against U+E000–U+FFFF).
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
