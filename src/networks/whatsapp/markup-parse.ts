import type { RichNode, RichText } from "../../core/formatting/rich-text";

/**
 * WhatsApp markup → rich text: *bold*, _italic_, ~strike~, `code`, ```monospace```, "> " quotes,
 * "- "/"* " and "1. " lists. Markers follow WhatsApp's rule: an opening marker is not preceded by a
 * letter or digit and is followed by a non-space; a closing one is preceded by a non-space and not
 * followed by a letter or digit. URLs are left as they are (an underscore in a URL is not italic).
 */
export function parseWhatsAppMarkup(text: string): RichText {
  const out: RichText = [];
  let rest = text;
  // multi-line ``` blocks first: they may hold lines that look like quotes or lists
  for (;;) {
    const fence = /```([\s\S]*?\n[\s\S]*?)```/.exec(rest);
    if (!fence) break;
    appendBlocks(out, rest.slice(0, fence.index).replace(/\n$/, ""));
    pushBlock(out, { t: "pre", text: fence[1]!.replace(/^\n/, "").replace(/\n$/, "") });
    rest = rest.slice(fence.index + fence[0].length).replace(/^\n/, "");
  }
  appendBlocks(out, rest);
  return mergeText(out);
}

type LineKind = "quote" | "bullet" | "ordered" | "plain";

const LINE_PATTERNS: [Exclude<LineKind, "plain">, RegExp][] = [
  ["quote", /^> ?(.*)$/],
  ["bullet", /^[-*] (.*\S.*)$/],
  ["ordered", /^\d{1,3}\. (.*\S.*)$/],
];

function classify(line: string): { kind: LineKind; content: string } {
  for (const [kind, pattern] of LINE_PATTERNS) {
    const match = pattern.exec(line);
    if (match) return { kind, content: match[1]! };
  }
  return { kind: "plain", content: line };
}

function appendBlocks(out: RichText, text: string): void {
  if (!text) return;
  const lines = text.split("\n").map(classify);
  for (let i = 0; i < lines.length; ) {
    const kind = lines[i]!.kind;
    let j = i;
    while (j < lines.length && lines[j]!.kind === kind) j++;
    const group = lines.slice(i, j).map((l) => l.content);
    if (kind === "plain") {
      if (out.length && !endsWithBlock(out)) out.push({ t: "text", text: "\n" });
      group.forEach((line, n) => {
        if (n > 0) out.push({ t: "text", text: "\n" });
        out.push(...parseInline(line));
      });
    } else if (kind === "quote") {
      const children: RichText = group.flatMap((line, n): RichText => (n > 0 ? [{ t: "text", text: "\n" }, ...parseInline(line)] : parseInline(line)));
      pushBlock(out, { t: "quote", children: mergeText(children) });
    } else {
      pushBlock(out, { t: "list", ordered: kind === "ordered", items: group.map((line) => mergeText(parseInline(line))) });
    }
    i = j;
  }
}

const BLOCKS = new Set(["quote", "list", "pre"]);

function endsWithBlock(out: RichText): boolean {
  return BLOCKS.has(out[out.length - 1]!.t);
}

/** A block starts on its own line in plain text too (toPlainText ends blocks with a newline itself). */
function pushBlock(out: RichText, node: RichNode): void {
  if (out.length && !endsWithBlock(out)) out.push({ t: "text", text: "\n" });
  out.push(node);
}

const MARKERS: Record<string, "bold" | "italic" | "strike"> = { "*": "bold", _: "italic", "~": "strike" };
const WORD = /[\p{L}\p{N}]/u;
const URL_AT = /^(?:https?:\/\/|www\.)\S+/i;

function parseInline(line: string): RichText {
  const out: RichText = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", text });
    text = "";
  };
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    const atWordStart = i === 0 || !WORD.test(line[i - 1]!);
    const url = atWordStart ? URL_AT.exec(rest) : null;
    if (url) {
      text += url[0];
      i += url[0].length;
      continue;
    }
    if (rest.startsWith("```")) {
      const end = line.indexOf("```", i + 3);
      if (end > i + 3) {
        flush();
        out.push({ t: "code", text: line.slice(i + 3, end) });
        i = end + 3;
        continue;
      }
    }
    const char = line[i]!;
    if (char === "`") {
      const end = line.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: "code", text: line.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const style = MARKERS[char];
    if (style && atWordStart) {
      const end = closingMarker(line, i);
      if (end !== undefined) {
        flush();
        out.push({ t: style, children: parseInline(line.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    text += char;
    i++;
  }
  flush();
  return out;
}

function closingMarker(line: string, open: number): number | undefined {
  const marker = line[open]!;
  if (open + 1 >= line.length || /\s/.test(line[open + 1]!)) return undefined;
  for (let j = line.indexOf(marker, open + 2); j !== -1; j = line.indexOf(marker, j + 1)) {
    const before = line[j - 1]!;
    const after = line[j + 1];
    if (!/\s/.test(before) && (after === undefined || !WORD.test(after))) return j;
  }
  return undefined;
}

function mergeText(nodes: RichText): RichText {
  const out: RichText = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.t === "text" && last?.t === "text") out[out.length - 1] = { t: "text", text: last.text + node.text };
    else out.push(node);
  }
  return out;
}
