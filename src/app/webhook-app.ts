import express from "express";
import type { NetworkRegistry } from "../core/networks/registry";
import type { PublicMediaCache } from "./public-media";

/** Routes Meta's webhook deliveries to each network (/webhooks/<network>), and published files (/media/…). */
export function webhookRouter(networks: NetworkRegistry, publicMedia: PublicMediaCache): express.Router {
  const router = express.Router();
  router.use(publicMedia.router());
  for (const { connector } of networks.list()) {
    const routes = connector.webhookRoutes();
    if (routes) router.use(`/webhooks/${connector.id}`, routes);
  }
  return router;
}

/** A listener of its own for webhooks (public, behind a reverse proxy), apart from the appservice API. */
export function createWebhookApp(networks: NetworkRegistry, publicMedia: PublicMediaCache): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/health", (_req, res) => void res.type("text/plain").send("OK"));
  app.use(webhookRouter(networks, publicMedia));
  app.use((_req, res) => void res.status(404).type("text/plain").send("Not found"));
  return app;
}
