/** How long a text is in the unit a network limits (characters, or UTF-8 bytes on Instagram); additive over concatenation. */
export type TextMeasure = (text: string) => number;

export const utf16Length: TextMeasure = (text) => text.length;
export const utf8Bytes: TextMeasure = (text) => Buffer.byteLength(text, "utf8");

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Where a piece may end, best first: a paragraph, a line, a word. */
const BREAKS = [/[^\S\n]*\n[^\S\n]*\n\s*/g, /[^\S\n]*\n\s*/g, /\s+/g];

/**
 * Splits a text into pieces of at most `limit` (by `measure`): at a paragraph break in the second
 * half of the room, else a line break there, else the last space, else between two graphemes
 * (never inside an emoji). The whitespace at a break is dropped; whitespace-only pieces are not
 * returned, so an empty text gives no piece.
 */
export function splitText(text: string, limit: number, measure: TextMeasure = utf16Length): string[] {
  if (limit < 1) throw new RangeError("limit must be positive");
  const pieces: string[] = [];
  let rest = text;
  while (measure(rest) > limit) {
    const end = longestPrefix(rest, limit, measure);
    const cut = bestBreak(rest, end) ?? { start: end, end };
    pieces.push(rest.slice(0, cut.start));
    rest = rest.slice(cut.end);
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece.trim() !== "");
}

/** The end (UTF-16 index) of the longest run of whole graphemes that fits (measures add up over pieces). */
function longestPrefix(text: string, limit: number, measure: TextMeasure): number {
  let end = 0;
  let size = 0;
  for (const { segment } of graphemes.segment(text)) {
    size += measure(segment);
    if (size > limit) break;
    end += segment.length;
  }
  if (end > 0) return end;
  // a single grapheme longer than the limit: cut it between code points
  for (const char of text) {
    size = measure(text.slice(0, end + char.length));
    if (end > 0 && size > limit) break;
    end += char.length;
  }
  return end;
}

/** The break to cut at: the piece before it ends at or before `end`; its whitespace may run past. */
function bestBreak(text: string, end: number): { start: number; end: number } | undefined {
  let fallback: { start: number; end: number } | undefined;
  for (const pattern of BREAKS) {
    let last: { start: number; end: number } | undefined;
    for (const match of text.matchAll(new RegExp(pattern.source, "g"))) {
      if (match.index > end) break;
      if (match.index > 0) last = { start: match.index, end: match.index + match[0].length };
    }
    if (last && last.start >= end / 2) return last;
    if (last && (!fallback || last.start > fallback.start)) fallback = last;
  }
  return fallback;
}
