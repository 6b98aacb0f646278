/**
 * Serialises a webhook body the way Meta does: non-ASCII characters as lowercase \uXXXX escapes
 * (astral characters as their two surrogates) and "/" as "\/". The signature covers exactly these
 * bytes, so a bridge that re-serialises the parsed JSON before checking it fails on any such text.
 */
export function serializeLikeMeta(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"))
    .replace(/\//g, "\\/");
}
