import { strict as assert } from "node:assert";
import { splitText, utf8Bytes } from "../../../src/networks/meta/text-split";

describe("splitting long texts", () => {
  it("returns a text within the limit whole, and nothing for an empty text", () => {
    assert.deepEqual(splitText("hello world", 11), ["hello world"]);
    assert.deepEqual(splitText("", 10), []);
    assert.deepEqual(splitText("  \n ", 10), []);
  });

  it("prefers a paragraph break, then a line break, then a space", () => {
    const para = "a".repeat(30) + "\n\n" + "b".repeat(30);
    assert.deepEqual(splitText(para, 40), ["a".repeat(30), "b".repeat(30)]);
    const lines = "one two three\nfour five six";
    assert.deepEqual(splitText(lines, 20), ["one two three", "four five six"]);
    assert.deepEqual(splitText("alpha beta gamma delta", 12), ["alpha beta", "gamma delta"]);
  });

  it("does not cut at an early paragraph break when a line or word break uses more of the room", () => {
    const text = "intro\n\n" + "word ".repeat(20).trim();
    const pieces = splitText(text, 50);
    assert.ok(pieces[0]!.length > 25, pieces[0]);
    assert.ok(pieces.every((p) => p.length <= 50));
    assert.equal(pieces.join(" ").replace(/\s+/g, " "), text.replace(/\s+/g, " "));
  });

  it("cuts a word longer than the limit between characters, never inside an emoji", () => {
    assert.deepEqual(splitText("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    const family = "👨‍👩‍👧";
    const pieces = splitText(("x" + family).repeat(3), family.length + 2);
    assert.ok(pieces.every((p) => !p.includes("\u200d") || p.includes(family)), JSON.stringify(pieces));
    assert.equal(pieces.join(""), ("x" + family).repeat(3));
  });

  it("measures in UTF-8 bytes when asked (Instagram)", () => {
    const text = "é".repeat(600); // 1200 bytes, 600 characters
    const pieces = splitText(text, 1000, utf8Bytes);
    assert.deepEqual(pieces.map((p) => Buffer.byteLength(p)), [1000, 200]);
  });

  it("keeps every piece within the limit on a long, varied text and loses no words", () => {
    const words = Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? "\n\n" : i % 13 === 0 ? "\n" : "") + "w" + "x".repeat(i % 11));
    const text = words.join(" ");
    const pieces = splitText(text, 4096);
    assert.ok(pieces.length >= 5);
    assert.ok(pieces.every((p, i) => p.length <= 4096 && !/\s$/.test(p) && (i === 0 || !/^\s/.test(p))));
    assert.equal(pieces.join(" ").trim().split(/\s+/).join(" "), text.trim().split(/\s+/).join(" "));
  });
});
