// A minimal appservice endpoint for the crypto integration tests: takes Synapse's transactions,
// parses them like the bridge does, and hands them, one at a time and in order, to a handler.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppserviceTransaction, parseTransaction } from "../../../../src/matrix/appservice/transaction-body";
import { registerTeardown } from "../../../support/fixtures";

export type TransactionHandler = (transaction: AppserviceTransaction) => Promise<void>;

export class AppserviceListener {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly seen = new Set<string>();
  handler: TransactionHandler = async () => undefined;
  readonly failures: unknown[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<AppserviceListener> {
    const holder: { listener?: AppserviceListener } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        void holder.listener!.answer(req.method ?? "", req.url ?? "", Buffer.concat(chunks).toString("utf8")).then((status) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(status === 200 ? "{}" : JSON.stringify({ errcode: "M_UNKNOWN" }));
        });
      });
    });
    const listener = new AppserviceListener(server);
    holder.listener = listener;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    registerTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return listener;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async answer(method: string, url: string, body: string): Promise<number> {
    const path = new URL(url, "http://x").pathname;
    const txn = path.match(/^\/_matrix\/app\/v1\/transactions\/([^/]+)$/);
    if (method !== "PUT" || !txn) return path.includes("/users/") ? 200 : 404;
    const id = decodeURIComponent(txn[1]);
    const work = this.queue.then(async () => {
      if (this.seen.has(id)) return 200;
      try {
        await this.handler(parseTransaction(JSON.parse(body)));
        this.seen.add(id);
        return 200;
      } catch (err) {
        this.failures.push(err);
        return 500;
      }
    });
    this.queue = work.catch(() => undefined);
    return work;
  }
}
