/**
 * The core's neutral formatted text: what Matrix HTML and each network's markup convert to and
 * from. JSON-serialisable (it is persisted with remote events).
 */
export type RichNode =
  | { t: "text"; text: string }
  | { t: "bold" | "italic" | "strike" | "quote"; children: RichNode[] }
  | { t: "code" | "pre"; text: string }
  | { t: "link"; href: string; children: RichNode[] }
  | { t: "mention"; userId: string; name: string }
  | { t: "br" }
  | { t: "list"; ordered: boolean; items: RichNode[][] };

export type RichText = RichNode[];

export function textNode(text: string): RichNode {
  return { t: "text", text };
}

/** Plain text as rich text (newlines stay in the text). */
export function fromPlainText(text: string): RichText {
  return text ? [textNode(text)] : [];
}

/** Whether the text carries any formatting worth an HTML body. */
export function isFormatted(nodes: RichText): boolean {
  return nodes.some((n) => n.t !== "text");
}

/**
 * Readable plain text: links as "label (url)" unless the label is the url, mentions as the
 * person's name, quotes with "> ", lists with "- " or "1. ".
 */
export function toPlainText(nodes: RichText): string {
  return nodes.map(plainOf).join("");
}

function plainOf(node: RichNode): string {
  switch (node.t) {
    case "text":
      return node.text;
    case "code":
    case "pre":
      return node.text;
    case "br":
      return "\n";
    case "mention":
      return node.name;
    case "link": {
      const label = toPlainText(node.children);
      return !label || label === node.href || label === node.href.replace(/^mailto:/, "") ? node.href : `${label} (${node.href})`;
    }
    case "quote":
      return toPlainText(node.children)
        .replace(/\n+$/, "")
        .split("\n")
        .map((line) => "> " + line)
        .join("\n") + "\n";
    case "list":
      return node.items.map((item, i) => `${node.ordered ? `${i + 1}.` : "-"} ${toPlainText(item).trim()}\n`).join("");
    default:
      return toPlainText(node.children);
  }
}
