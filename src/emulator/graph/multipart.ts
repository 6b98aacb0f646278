export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function headerParameter(header: string, parameter: string): string | undefined {
  const match = new RegExp(`;\\s*${parameter}="([^"]*)"`, "i").exec(header) ?? new RegExp(`;\\s*${parameter}=([^;\\s]+)`, "i").exec(header);
  return match?.[1];
}

export function multipartBoundary(contentType: string): string | undefined {
  return headerParameter(contentType, "boundary");
}

/** Splits a multipart/form-data body (RFC 7578) into its parts; throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new Error("multipart body without its boundary");
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === "--") return parts;
    if (body.subarray(position, position + 2).toString() !== "\r\n") throw new Error("malformed multipart delimiter line");
    const headerEnd = body.indexOf("\r\n\r\n", position);
    if (headerEnd === -1) throw new Error("multipart part without headers");
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd);
    if (next === -1) throw new Error("multipart body not closed");
    parts.push(readPart(body.subarray(position + 2, headerEnd).toString("utf8"), body.subarray(headerEnd + 4, next)));
    position = next + 2;
  }
}

function readPart(headerBlock: string, data: Buffer): MultipartPart {
  const headers = new Map<string, string>();
  for (const line of headerBlock.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = headerParameter(disposition, "name");
  if (!/^form-data/i.test(disposition) || name === undefined) throw new Error("multipart part without a form-data name");
  return { name, filename: headerParameter(disposition, "filename"), contentType: headers.get("content-type"), data: Buffer.from(data) };
}
