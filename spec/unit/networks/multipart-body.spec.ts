import { strict as assert } from "node:assert";
import { parseMultipart, multipartBoundary } from "../../../src/emulator/graph/multipart";
import { buildMultipart } from "../../../src/networks/meta/multipart-body";

describe("multipart/form-data bodies", () => {
  const bytes = Buffer.concat([Buffer.from("\r\n--boundary\r\n"), Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from("end")]);

  it("writes fields and files exactly as RFC 7578 says, with the boundary in the Content-Type", () => {
    const { contentType, body } = buildMultipart(
      [
        { name: "messaging_product", value: "whatsapp" },
        { name: "file", fileName: "a.png", contentType: "image/png", data: Buffer.from("PNG") },
      ],
      "XyZ",
    );
    assert.equal(contentType, "multipart/form-data; boundary=XyZ");
    assert.equal(
      body.toString("latin1"),
      [
        "--XyZ",
        'Content-Disposition: form-data; name="messaging_product"',
        "",
        "whatsapp",
        "--XyZ",
        'Content-Disposition: form-data; name="file"; filename="a.png"',
        "Content-Type: image/png",
        "",
        "PNG",
        "--XyZ--",
        "",
      ].join("\r\n"),
    );
  });

  it("round-trips through a strict parser: UTF-8 fields, binary bytes (line breaks and dashes included), escaped names", () => {
    const { contentType, body } = buildMultipart([
      { name: "message", value: JSON.stringify({ text: "Grüße 👋" }) },
      { name: "filedata", fileName: 'tricky "name"\r\n.bin', contentType: "application/octet-stream", data: bytes },
    ]);
    const boundary = multipartBoundary(contentType)!;
    assert.match(boundary, /^----switchboard[0-9a-f]{32}$/);
    const parts = parseMultipart(body, boundary);
    assert.deepEqual(parts.map((p) => [p.name, p.filename, p.contentType]), [
      ["message", undefined, undefined],
      ["filedata", "tricky %22name%22%0D%0A.bin", "application/octet-stream"],
    ]);
    assert.equal(parts[0]!.data.toString("utf8"), '{"text":"Grüße 👋"}');
    assert.ok(parts[1]!.data.equals(bytes));
  });

  it("uses a new random boundary for every body", () => {
    const a = buildMultipart([{ name: "x", value: "1" }]).contentType;
    const b = buildMultipart([{ name: "x", value: "1" }]).contentType;
    assert.notEqual(a, b);
  });
});
