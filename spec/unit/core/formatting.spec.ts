import { strict as assert } from "node:assert";
import { fromMatrixHtml, toMatrixHtml } from "../../../src/core/formatting/matrix-html";
import { toPlainText, type RichText } from "../../../src/core/formatting/rich-text";
import { fromMatrixMessage, toMatrixMessage } from "../../../src/core/messages/matrix-content";

describe("Matrix HTML and rich text", () => {
  it("reads the formatting Element sends", () => {
    assert.deepEqual(fromMatrixHtml("a <strong>b</strong> <em>c</em> <del>d</del> <code>e</code>"), [
      { t: "text", text: "a " },
      { t: "bold", children: [{ t: "text", text: "b" }] },
      { t: "text", text: " " },
      { t: "italic", children: [{ t: "text", text: "c" }] },
      { t: "text", text: " " },
      { t: "strike", children: [{ t: "text", text: "d" }] },
      { t: "text", text: " " },
      { t: "code", text: "e" },
    ]);
    assert.deepEqual(fromMatrixHtml("<pre><code class=\"language-js\">x &lt; 1\n</code></pre>"), [{ t: "pre", text: "x < 1" }]);
    assert.deepEqual(fromMatrixHtml("line<br/>next"), [{ t: "text", text: "line" }, { t: "br" }, { t: "text", text: "next" }]);
  });

  it("turns user pills into mentions and keeps links readable in plain text", () => {
    const nodes = fromMatrixHtml('hi <a href="https://matrix.to/#/%40bob%3Aexample.org">Bob</a>, see <a href="https://x.org/a">the doc</a> or <a href="https://y.org">https://y.org</a>');
    assert.deepEqual(nodes[1], { t: "mention", userId: "@bob:example.org", name: "Bob" });
    assert.equal(toPlainText(nodes), "hi Bob, see the doc (https://x.org/a) or https://y.org");
  });

  it("drops the reply fallback and survives broken HTML", () => {
    assert.equal(toPlainText(fromMatrixHtml("<mx-reply><blockquote>old</blockquote></mx-reply>new")), "new");
    assert.equal(toPlainText(fromMatrixHtml("<b>unclosed <i>tags")), "unclosed tags");
    assert.equal(toPlainText(fromMatrixHtml("a < b & c")), "a < b & c");
  });

  it("renders quotes and lists readably in plain text", () => {
    const nodes = fromMatrixHtml("<blockquote>quoted<br>two</blockquote><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>");
    assert.equal(toPlainText(nodes), "> quoted\n> two\n- one\n- two\n1. first\n");
  });

  it("writes escaped HTML and survives a round trip", () => {
    const nodes: RichText = [
      { t: "bold", children: [{ t: "text", text: "<b>&" }] },
      { t: "text", text: "\nline" },
      { t: "mention", userId: "@bob:example.org", name: "Bob" },
      { t: "link", href: "https://x.org/?a=1&b=2", children: [{ t: "text", text: "x" }] },
    ];
    const html = toMatrixHtml(nodes);
    assert.equal(
      html,
      '<strong>&lt;b&gt;&amp;</strong><br>line<a href="https://matrix.to/#/%40bob%3Aexample.org">Bob</a><a href="https://x.org/?a=1&amp;b=2">x</a>',
    );
    assert.equal(toPlainText(fromMatrixHtml(html)), toPlainText(nodes));
  });
});

describe("Matrix message content", () => {
  it("has an HTML body only when there is formatting", () => {
    assert.deepEqual(toMatrixMessage([{ t: "text", text: "plain" }]), { msgtype: "m.text", body: "plain" });
    const formatted = toMatrixMessage([{ t: "italic", children: [{ t: "text", text: "x" }] }], "m.notice");
    assert.deepEqual(formatted, { msgtype: "m.notice", body: "x", format: "org.matrix.custom.html", formatted_body: "<em>x</em>" });
  });

  it("reads plain replies without their quoted fallback", () => {
    const content = { msgtype: "m.text", body: "> <@a:x> original\n> more\n\nmy answer", "m.relates_to": { "m.in_reply_to": { event_id: "$1" } } };
    assert.equal(toPlainText(fromMatrixMessage(content)), "my answer");
    assert.equal(toPlainText(fromMatrixMessage({ msgtype: "m.text", body: "> not a reply" })), "> not a reply");
  });
});
