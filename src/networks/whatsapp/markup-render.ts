import { toPlainText, type RichNode, type RichText } from "../../core/formatting/rich-text";

const MARKER: Record<"bold" | "italic" | "strike", string> = { bold: "*", italic: "_", strike: "~" };

/**
 * Rich text → WhatsApp markup. Links and mentions read as toPlainText writes them ("label (url)",
 * the person's name); quotes, lists and ``` blocks start on a line of their own.
 */
export function renderWhatsAppMarkup(nodes: RichText): string {
  return render(nodes).replace(/\s+$/, "");
}

function render(nodes: RichText): string {
  let out = "";
  for (const node of nodes) {
    const piece = renderNode(node);
    if (isBlock(node) && out && !out.endsWith("\n")) out += "\n";
    out += piece;
  }
  return out;
}

function isBlock(node: RichNode): boolean {
  return node.t === "quote" || node.t === "list" || node.t === "pre";
}

function renderNode(node: RichNode): string {
  switch (node.t) {
    case "text":
      return node.text;
    case "br":
      return "\n";
    case "mention":
      return node.name;
    case "bold":
    case "italic":
    case "strike":
      return wrapLines(render(node.children), MARKER[node.t]);
    case "code":
      return node.text.includes("`") ? "```" + node.text + "```" : "`" + node.text + "`";
    case "pre":
      return "```" + node.text.replace(/\n$/, "") + "```\n";
    case "link": {
      const label = toPlainText(node.children);
      const plainHref = node.href.replace(/^mailto:/, "");
      if (!label || label === node.href || label === plainHref) return node.href;
      return `${render(node.children)} (${node.href})`;
    }
    case "quote":
      return (
        render(node.children)
          .replace(/\n+$/, "")
          .split("\n")
          .map((line) => "> " + line)
          .join("\n") + "\n"
      );
    case "list":
      return node.items.map((item, i) => `${node.ordered ? `${i + 1}.` : "-"} ${render(item).trim().replace(/\n/g, " ")}\n`).join("");
  }
}

/**
 * Puts a marker around each line's text: WhatsApp markers do not span lines, and a marker next to
 * a space does not format, so surrounding whitespace stays outside.
 */
function wrapLines(text: string, marker: string): string {
  return text
    .split("\n")
    .map((line) => {
      const match = /^(\s*)(.*?)(\s*)$/s.exec(line)!;
      const [, lead, body, trail] = match;
      return body ? `${lead}${marker}${body}${marker}${trail}` : line;
    })
    .join("\n");
}
