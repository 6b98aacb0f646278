import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { registerTeardown } from "../../../support/fixtures";

export interface FileServer {
  /** Serves the bytes at a fresh path with this Content-Type; returns the URL. */
  serve(name: string, data: Buffer, contentType: string): string;
  /** A URL on this server that answers 404. */
  missing(name: string): string;
  /** How many times each path was fetched. */
  hits: Map<string, number>;
}

/** A loopback server standing in for the bridge's public media URL (webhooks.public_url). */
export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, { data: Buffer; contentType: string }>();
  const hits = new Map<string, number>();
  let counter = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://files.invalid").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const file = files.get(path);
    if (!file) return void response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    response.writeHead(200, { "Content-Type": file.contentType, "Content-Length": String(file.data.length) }).end(file.data);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  registerTeardown(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return {
    serve(name, data, contentType) {
      const path = `/media/${++counter}/${encodeURIComponent(name)}`;
      files.set(path, { data, contentType });
      return base + path;
    },
    missing: (name) => `${base}/missing/${encodeURIComponent(name)}`,
    hits,
  };
}
