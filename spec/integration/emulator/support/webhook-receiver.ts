import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { registerTeardown } from "../../../support/fixtures";

export interface ReceivedWebhook {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The exact bytes that arrived. */
  raw: Buffer;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT */
  url: string;
  received: ReceivedWebhook[];
  /** Status for the next POSTs (default 200). */
  status: number;
  /** What a GET verification must carry to be echoed. */
  verifyToken: string;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  posts(path?: string): ReceivedWebhook[];
}

/** A stand-in for the bridge's webhook endpoint that keeps every request byte for byte. */
export async function startWebhookReceiver(verifyToken = "receiver-verify-token"): Promise<WebhookReceiver> {
  const waiters = new Set<() => void>();
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    status: 200,
    verifyToken,
    waitFor(count, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (receiver.received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(receiver.received.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} webhook request(s), got ${receiver.received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    posts(path) {
      return receiver.received.filter((r) => r.method === "POST" && (path === undefined || r.path === path));
    },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://receiver.invalid");
      receiver.received.push({ method: request.method ?? "", path: url.pathname, query: url.searchParams, headers: request.headers, raw: Buffer.concat(chunks) });
      for (const waiter of [...waiters]) waiter();
      if (request.method === "GET") {
        const ok = url.searchParams.get("hub.mode") === "subscribe" && url.searchParams.get("hub.verify_token") === receiver.verifyToken;
        response.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get("hub.challenge") ?? "") : "forbidden");
        return;
      }
      response.writeHead(receiver.status).end(receiver.status === 200 ? "EVENT_RECEIVED" : "refused");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  registerTeardown(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return receiver;
}
