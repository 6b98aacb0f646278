import { randomBytes } from "node:crypto";

/** A text field of a multipart/form-data body. */
export interface MultipartField {
  name: string;
  value: string;
}

/** A file field of a multipart/form-data body. */
export interface MultipartFile {
  name: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

export type MultipartPart = MultipartField | MultipartFile;

export interface MultipartBody {
  /** the Content-Type header, with the boundary */
  contentType: string;
  body: Buffer;
}

/** Quotes a name or file name the way browsers do (WHATWG FormData): `"` and line breaks percent-encoded. */
function quoted(value: string): string {
  return '"' + value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A") + '"';
}

/** A boundary that cannot occur in the data by accident. */
export function newBoundary(): string {
  return "----switchboard" + randomBytes(16).toString("hex");
}

/** A multipart/form-data body (RFC 7578) built by hand: text fields as UTF-8, files as their bytes. */
export function buildMultipart(parts: readonly MultipartPart[], boundary: string = newBoundary()): MultipartBody {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const isFile = "data" in part;
    const disposition = `Content-Disposition: form-data; name=${quoted(part.name)}${isFile ? `; filename=${quoted(part.fileName)}` : ""}`;
    const headers = isFile ? `${disposition}\r\nContent-Type: ${part.contentType}` : disposition;
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, "utf8"));
    chunks.push(isFile ? part.data : Buffer.from(part.value, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
