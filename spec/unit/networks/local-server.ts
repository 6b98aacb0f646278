import express, { type Router } from "express";
import type { AddressInfo } from "node:net";
import { registerTeardown } from "../../support/fixtures";

/** Serves a router on 127.0.0.1 (an ephemeral port) until the run ends. */
export async function serveRouter(router: Router, path = "/"): Promise<string> {
  const app = express();
  app.use(path, router);
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  registerTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path === "/" ? "" : path}`;
}
