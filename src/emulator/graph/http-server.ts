import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on hostname:port (0: any free port) and closes with every connection, idle or not. */
export function listen(handler: RequestHandler, hostname: string, port: number, onError: (err: unknown) => void): Promise<ListeningServer> {
  const server: Server = createServer((request, response) => {
    handler(request, response).catch((err: unknown) => {
      onError(err);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** http://host:port for a listening address, with a wildcard address replaced by loopback. */
export function urlFor(hostname: string, port: number): string {
  const host = hostname === "0.0.0.0" || hostname === "::" || hostname === "" ? "127.0.0.1" : hostname;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
