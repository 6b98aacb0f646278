import type { ServerResponse } from "node:http";

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=UTF-8", "Content-Length": String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

export function sendBytes(response: ServerResponse, status: number, contentType: string, body: Buffer | string): void {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  response.writeHead(status, { "Content-Type": contentType, "Content-Length": String(bytes.length) });
  response.end(bytes);
}
