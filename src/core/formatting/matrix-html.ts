import type { RichNode, RichText } from "./rich-text";

/** Matrix HTML (org.matrix.custom.html) ↔ rich text. Tolerant: unknown tags keep their content. */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: (Element | string)[];
}

const VOID = new Set(["br", "img", "hr"]);
const TOKEN = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>|[^<]+|</;

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

function parseTree(html: string): Element {
  const root: Element = { tag: "#root", attrs: {}, children: [] };
  const stack: Element[] = [root];
  let rest = html;
  while (rest.length) {
    const match = TOKEN.exec(rest);
    if (!match || match.index !== 0) break;
    const token = match[0];
    rest = rest.slice(token.length);
    const top = stack[stack.length - 1]!;
    if (token.startsWith("<!--")) continue;
    if (match[1]) {
      const tag = match[1].toLowerCase();
      if (token.startsWith("</")) {
        const at = stack.map((e) => e.tag).lastIndexOf(tag);
        if (at > 0) stack.length = at;
        continue;
      }
      const element: Element = { tag, attrs: parseAttrs(match[2] ?? ""), children: [] };
      top.children.push(element);
      if (!VOID.has(tag) && !token.endsWith("/>")) stack.push(element);
    } else {
      top.children.push(decodeEntities(token));
    }
  }
  return root;
}

const USER_LINK = /^https:\/\/matrix\.to\/#\/((?:@|%40)[^/?]+)/;

function convert(children: (Element | string)[], inPre = false): RichText {
  const out: RichText = [];
  for (const child of children) {
    if (typeof child === "string") {
      // outside <pre>, HTML whitespace (newlines included) is just a space
      const text = inPre ? child : child.replace(/\s+/g, " ");
      if (text) out.push({ t: "text", text });
      continue;
    }
    out.push(...convertElement(child));
  }
  return out;
}

function textOf(element: Element | string): string {
  return typeof element === "string" ? element : element.children.map(textOf).join("");
}

function convertElement(el: Element): RichText {
  const inner = () => convert(el.children);
  switch (el.tag) {
    case "mx-reply":
      return []; // the quoted original of a reply: the relation says the same
    case "b":
    case "strong":
      return [{ t: "bold", children: inner() }];
    case "i":
    case "em":
      return [{ t: "italic", children: inner() }];
    case "s":
    case "del":
    case "strike":
      return [{ t: "strike", children: inner() }];
    case "code":
      return [{ t: "code", text: textOf(el) }];
    case "pre":
      return [{ t: "pre", text: textOf(el).replace(/\n$/, "") }];
    case "br":
      return [{ t: "br" }];
    case "blockquote":
      return [{ t: "quote", children: trimBreaks(inner()) }];
    case "p":
    case "div":
      return [...trimBreaks(inner()), { t: "br" }];
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
      return [{ t: "bold", children: inner() }, { t: "br" }];
    case "ul":
    case "ol":
      return [
        {
          t: "list",
          ordered: el.tag === "ol",
          items: el.children.filter((c): c is Element => typeof c !== "string" && c.tag === "li").map((li) => trimBreaks(convert(li.children))),
        },
      ];
    case "a": {
      const href = el.attrs.href ?? "";
      const user = USER_LINK.exec(href);
      if (user) return [{ t: "mention", userId: decodeURIComponent(user[1]!), name: textOf(el) }];
      return href ? [{ t: "link", href, children: inner() }] : inner();
    }
    case "img":
      return el.attrs.alt ? [{ t: "text", text: el.attrs.alt }] : [];
    default:
      return inner();
  }
}

function trimBreaks(nodes: RichText): RichText {
  const out = [...nodes];
  while (out.length && out[out.length - 1]!.t === "br") out.pop();
  return out;
}

export function fromMatrixHtml(html: string): RichText {
  return trimBreaks(convert(parseTree(html).children));
}

export function toMatrixHtml(nodes: RichText): string {
  return nodes.map(htmlOf).join("");
}

function htmlOf(node: RichNode): string {
  switch (node.t) {
    case "text":
      return escapeHtml(node.text).replace(/\n/g, "<br>");
    case "bold":
      return `<strong>${toMatrixHtml(node.children)}</strong>`;
    case "italic":
      return `<em>${toMatrixHtml(node.children)}</em>`;
    case "strike":
      return `<del>${toMatrixHtml(node.children)}</del>`;
    case "quote":
      return `<blockquote>${toMatrixHtml(node.children)}</blockquote>`;
    case "code":
      return `<code>${escapeHtml(node.text)}</code>`;
    case "pre":
      return `<pre><code>${escapeHtml(node.text)}</code></pre>`;
    case "br":
      return "<br>";
    case "mention":
      return `<a href="https://matrix.to/#/${encodeURIComponent(node.userId)}">${escapeHtml(node.name)}</a>`;
    case "link":
      return `<a href="${escapeHtml(node.href)}">${toMatrixHtml(node.children)}</a>`;
    case "list": {
      const tag = node.ordered ? "ol" : "ul";
      return `<${tag}>${node.items.map((item) => `<li>${toMatrixHtml(item)}</li>`).join("")}</${tag}>`;
    }
  }
}

export type { RichNode };
