import type { IncomingMessage } from "node:http";
import { multipartBoundary, parseMultipart } from "./multipart";
import { isPlainObject, type Params } from "./params";

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  params: Params;
  files: UploadedFile[];
  /** What the request log shows as the body (files summarised, not copied). */
  recorded: unknown;
  /** Why the body could not be read as parameters, if it could not. */
  problem?: string;
}

/** WhatsApp documents are the largest thing anyone uploads (100 MB). */
export const MAX_BODY_BYTES = 110 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readRawBody(request: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new BodyTooLargeError(`request body over ${limitBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

// Graph reads object-valued form fields as JSON (recipient={"id":"…"}).
function formValue(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function parseJson(raw: Buffer): ParsedBody {
  const text = raw.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { params: {}, files: [], recorded: text, problem: "the request body is not valid JSON" };
  }
  if (!isPlainObject(value)) return { params: {}, files: [], recorded: value, problem: "the JSON request body must be an object" };
  return { params: value, files: [], recorded: value };
}

function parseForm(raw: Buffer): ParsedBody {
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(raw.toString("utf8"))) params[key] = formValue(value);
  return { params, files: [], recorded: params };
}

function parseMultipartBody(raw: Buffer, contentType: string): ParsedBody {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return { params: {}, files: [], recorded: null, problem: "multipart request without a boundary" };
  try {
    const params: Params = {};
    const files: UploadedFile[] = [];
    for (const part of parseMultipart(raw, boundary)) {
      if (part.filename === undefined) params[part.name] = formValue(part.data.toString("utf8"));
      else files.push({ field: part.name, filename: part.filename, contentType: part.contentType ?? "application/octet-stream", data: part.data });
    }
    const recordedFiles = files.map(({ field, filename, contentType: type, data }) => ({ field, filename, contentType: type, size: data.length }));
    return { params, files, recorded: { ...params, files: recordedFiles } };
  } catch (err) {
    return { params: {}, files: [], recorded: null, problem: `malformed multipart body: ${(err as Error).message}` };
  }
}

/** Reads a body the ways Graph accepts it: JSON, form-encoded or multipart. */
export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  if (raw.length === 0) return { params: {}, files: [], recorded: null };
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return parseJson(raw);
  if (type === "application/x-www-form-urlencoded") return parseForm(raw);
  if (type === "multipart/form-data") return parseMultipartBody(raw, contentType!);
  // Graph ignores a body it cannot read; the request then usually lacks required parameters.
  return { params: {}, files: [], recorded: raw.toString("utf8"), problem: `a body of type "${type || "none"}" is not read (send application/json)` };
}
