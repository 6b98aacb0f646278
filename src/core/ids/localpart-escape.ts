/**
 * Reversible mapping of opaque remote ids into Matrix localpart characters, after the spec's
 * "mapping from other character sets": `_` becomes `__`, an upper-case letter `_` plus its lower
 * case, and every other byte outside [a-z0-9-] `=` plus two hex digits. `.` and `/` are escaped
 * too, so `.` can separate two escaped parts (see portal aliases).
 */
const PLAIN = /^[a-z0-9-]$/;

export function escapeLocalpart(id: string): string {
  let out = "";
  for (const char of id) {
    if (PLAIN.test(char)) out += char;
    else if (char === "_") out += "__";
    else if (/^[A-Z]$/.test(char)) out += "_" + char.toLowerCase();
    else for (const byte of Buffer.from(char, "utf8")) out += "=" + byte.toString(16).padStart(2, "0");
  }
  return out;
}

export class InvalidEscapeError extends Error {
  constructor(escaped: string) {
    super(`"${escaped}" is not an escaped id`);
    this.name = "InvalidEscapeError";
  }
}

export function unescapeLocalpart(escaped: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const char = escaped[i]!;
    if (PLAIN.test(char)) {
      bytes.push(char.charCodeAt(0));
    } else if (char === "_") {
      const next = escaped[++i];
      if (next === "_") bytes.push(0x5f);
      else if (next !== undefined && /^[a-z]$/.test(next)) bytes.push(next.toUpperCase().charCodeAt(0));
      else throw new InvalidEscapeError(escaped);
    } else if (char === "=") {
      const hex = escaped.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) throw new InvalidEscapeError(escaped);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      throw new InvalidEscapeError(escaped);
    }
  }
  const decoded = Buffer.from(bytes).toString("utf8");
  // a byte sequence that is not UTF-8 would not survive a round trip: refuse it
  if (escapeLocalpart(decoded) !== escaped) throw new InvalidEscapeError(escaped);
  return decoded;
}
