import { strict as assert } from "node:assert";
import { toPlainText, type RichText } from "../../../src/core/formatting/rich-text";
import { parseWhatsAppMarkup } from "../../../src/networks/whatsapp/markup-parse";
import { renderWhatsAppMarkup } from "../../../src/networks/whatsapp/markup-render";

const t = (text: string) => ({ t: "text" as const, text });

describe("WhatsApp markup → rich text", () => {
  it("reads bold, italic, strike, inline code and monospace", () => {
    assert.deepEqual(parseWhatsAppMarkup("*bold* _it_ ~gone~ `x = 1` ```mono```"), [
      { t: "bold", children: [t("bold")] },
      t(" "),
      { t: "italic", children: [t("it")] },
      t(" "),
      { t: "strike", children: [t("gone")] },
      t(" "),
      { t: "code", text: "x = 1" },
      t(" "),
      { t: "code", text: "mono" },
    ]);
  });

  it("nests markers", () => {
    assert.deepEqual(parseWhatsAppMarkup("_very *bold* words_"), [
      { t: "italic", children: [t("very "), { t: "bold", children: [t("bold")] }, t(" words")] },
    ]);
  });

  it("follows WhatsApp's boundary rules: markers inside words, next to spaces or alone stay text", () => {
    for (const literal of ["snake_case_name", "2*3*4", "a * b * c", "x * not bold*", "*not bold *", "**", "~", "price: 5*"]) {
      assert.deepEqual(parseWhatsAppMarkup(literal), [t(literal)], literal);
    }
  });

  it("leaves URLs alone, underscores included", () => {
    const text = "see https://example.org/_private_/x_y and www.example.com/_a_";
    assert.deepEqual(parseWhatsAppMarkup(text), [t(text)]);
  });

  it("keeps newlines in the text", () => {
    assert.deepEqual(parseWhatsAppMarkup("line one\nline *two*"), [t("line one\nline "), { t: "bold", children: [t("two")] }]);
  });

  it("reads quotes, bulleted and numbered lists as blocks on their own lines", () => {
    const parsed = parseWhatsAppMarkup("intro\n> quoted *line*\n> second\n- one\n* two\n1. first\n2. second\noutro");
    assert.deepEqual(parsed, [
      t("intro\n"),
      { t: "quote", children: [t("quoted "), { t: "bold", children: [t("line")] }, t("\nsecond")] },
      { t: "list", ordered: false, items: [[t("one")], [t("two")]] },
      { t: "list", ordered: true, items: [[t("first")], [t("second")]] },
      t("outro"),
    ]);
    assert.equal(toPlainText(parsed), "intro\n> quoted line\n> second\n- one\n- two\n1. first\n2. second\noutro");
  });

  it("reads a multi-line ``` block as preformatted text, without reading quotes inside it", () => {
    assert.deepEqual(parseWhatsAppMarkup("code:\n```\n> not a quote\n*x*\n```\nafter"), [
      t("code:\n"),
      { t: "pre", text: "> not a quote\n*x*" },
      t("after"),
    ]);
  });

  it("gives plain text back as one text node", () => {
    assert.deepEqual(parseWhatsAppMarkup("Does it come in another color?"), [t("Does it come in another color?")]);
    assert.deepEqual(parseWhatsAppMarkup(""), []);
  });
});

describe("rich text → WhatsApp markup", () => {
  it("writes the markers", () => {
    const rich: RichText = [
      { t: "bold", children: [t("bold")] },
      t(" "),
      { t: "italic", children: [t("it")] },
      t(" "),
      { t: "strike", children: [t("gone")] },
      t(" "),
      { t: "code", text: "x" },
    ];
    assert.equal(renderWhatsAppMarkup(rich), "*bold* _it_ ~gone~ `x`");
  });

  it("keeps whitespace outside markers and wraps each line (markers do not span lines)", () => {
    assert.equal(renderWhatsAppMarkup([t("a"), { t: "bold", children: [t(" b ")] }, t("c")]), "a *b* c");
    assert.equal(renderWhatsAppMarkup([{ t: "italic", children: [t("one"), { t: "br" }, t("two")] }]), "_one_\n_two_");
    assert.equal(renderWhatsAppMarkup([{ t: "bold", children: [t("  ")] }]), "");
  });

  it("writes links and mentions the way toPlainText does", () => {
    const rich: RichText = [
      { t: "mention", userId: "@alice:example.org", name: "Alice" },
      t(": "),
      { t: "link", href: "https://example.org", children: [t("the site")] },
      t(" "),
      { t: "link", href: "https://example.org/x", children: [t("https://example.org/x")] },
      t(" "),
      { t: "link", href: "mailto:a@example.org", children: [t("a@example.org")] },
    ];
    assert.equal(renderWhatsAppMarkup(rich), "Alice: the site (https://example.org) https://example.org/x mailto:a@example.org");
    assert.equal(renderWhatsAppMarkup(rich), toPlainText(rich));
  });

  it("writes quotes, lists and preformatted blocks on lines of their own", () => {
    const rich: RichText = [
      t("see"),
      { t: "quote", children: [t("q1"), { t: "br" }, { t: "bold", children: [t("q2")] }] },
      t("then"),
      { t: "list", ordered: false, items: [[t("a")], [{ t: "italic", children: [t("b")] }]] },
      { t: "list", ordered: true, items: [[t("x")], [t("y")]] },
      { t: "pre", text: "let x = 1;\nx++" },
      t("end"),
    ];
    assert.equal(renderWhatsAppMarkup(rich), "see\n> q1\n> *q2*\nthen\n- a\n- _b_\n1. x\n2. y\n```let x = 1;\nx++```\nend");
  });

  it("uses ``` for inline code that contains a backtick", () => {
    assert.equal(renderWhatsAppMarkup([{ t: "code", text: "a`b" }]), "```a`b```");
  });

  it("round-trips what it writes", () => {
    const rich: RichText = [
      { t: "bold", children: [t("Hello")] },
      t(" there, "),
      { t: "italic", children: [t("friend "), { t: "strike", children: [t("enemy")] }] },
      t("\n"),
      { t: "quote", children: [t("a quote")] },
      { t: "list", ordered: false, items: [[t("one")], [{ t: "code", text: "two" }]] },
      { t: "pre", text: "block\nof code" },
      t("bye"),
    ];
    assert.deepEqual(parseWhatsAppMarkup(renderWhatsAppMarkup(rich)), rich);
  });
});
