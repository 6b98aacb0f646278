import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { remoteEventKey, type NetworkId, type RemoteEvent, type RemoteEventSink } from "../../core/networks/connector";
import { describeError, type Logger } from "../../logging/logger";
import { asObject, asString, type JsonObject } from "./json";
import type { ParsedDelivery } from "./product";
import { checkSignature, secretsEqual } from "./webhook-signature";

export const MAX_WEBHOOK_BODY = "4mb";

export interface WebhookRouterOptions {
  network: NetworkId;
  /** the `object` this product's deliveries carry */
  webhookObject: string;
  appSecret: string;
  verifyToken: string;
  parse(payload: JsonObject): ParsedDelivery;
  isConfiguredAccount(accountId: string): boolean;
  /** the core's sink once the connector has started */
  sink(): RemoteEventSink | undefined;
  /** called for every delivery whose signature is valid */
  onSignedDelivery(): void;
  log: Logger;
}

/**
 * Meta's webhook endpoint for one product: the GET verification handshake, and signed POST
 * deliveries that reach the core's sink before Meta gets its 200. Nothing is parsed before the
 * signature is checked over the raw bytes.
 */
export function createWebhookRouter(options: WebhookRouterOptions): Router {
  const router = express.Router();
  router.get("/", (req, res) => verifyHandshake(req, res, options));
  router.post("/", express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY }), (req, res, next) => {
    receiveDelivery(req, res, options).catch(next);
  });
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown }).status;
    if (status === 413) {
      options.log.warn("Webhook delivery refused: body over the size limit", { limit: MAX_WEBHOOK_BODY });
      res.status(413).type("text/plain").send("payload too large");
      return;
    }
    const code = typeof status === "number" && status >= 400 && status < 500 ? status : 500;
    options.log.warn("Webhook delivery failed", { status: code, error: describeError(err) });
    res.status(code).type("text/plain").send(code === 500 ? "internal error" : "bad request");
  });
  return router;
}

function verifyHandshake(req: Request, res: Response, options: WebhookRouterOptions): void {
  const mode = asString(req.query["hub.mode"]);
  const token = asString(req.query["hub.verify_token"]);
  const challenge = asString(req.query["hub.challenge"]);
  if (mode === "subscribe" && token !== undefined && challenge !== undefined && secretsEqual(token, options.verifyToken)) {
    options.log.info("Webhook verification accepted");
    res.status(200).type("text/plain").set("x-content-type-options", "nosniff").send(challenge);
    return;
  }
  options.log.warn("Webhook verification refused", { mode, reason: mode !== "subscribe" ? "mode" : "verify token" });
  res.status(403).type("text/plain").send("forbidden");
}

async function receiveDelivery(req: Request, res: Response, options: WebhookRouterOptions): Promise<void> {
  if (!Buffer.isBuffer(req.body) && Number(req.get("content-length") ?? 0) > 0) {
    // another body parser ran first: the raw bytes the signature covers are gone
    options.log.error("Webhook body was parsed before the webhook router; mount it before any body parser");
    res.status(500).type("text/plain").send("misconfigured");
    return;
  }
  const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const signature = checkSignature(raw, req.get("x-hub-signature-256"), options.appSecret);
  if (signature !== "valid") {
    options.log.warn("Webhook delivery refused: signature " + signature);
    res.status(signature === "missing" ? 401 : 403).type("text/plain").send(`signature ${signature}`);
    return;
  }
  options.onSignedDelivery();
  let payload: JsonObject | undefined;
  try {
    payload = asObject(JSON.parse(raw.toString("utf8")));
  } catch {
    payload = undefined;
  }
  if (!payload) {
    options.log.warn("Webhook delivery refused: the body is not a JSON object");
    res.status(400).type("text/plain").send("invalid JSON");
    return;
  }
  const events = eventsFor(payload, options);
  if (events.length) {
    const sink = options.sink();
    if (!sink) {
      // not started yet: Meta retries a non-200 later
      res.status(503).type("text/plain").send("not ready");
      return;
    }
    try {
      await sink.accept(options.network, events);
    } catch (err) {
      options.log.error("Webhook delivery could not be stored; Meta will retry", { events: events.length, error: describeError(err) });
      res.status(500).type("text/plain").send("not stored");
      return;
    }
  }
  res.status(200).type("text/plain").send("EVENT_RECEIVED");
}

function eventsFor(payload: JsonObject, options: WebhookRouterOptions): RemoteEvent[] {
  if (payload.object !== options.webhookObject) {
    options.log.debug("Webhook delivery for another object ignored", { object: asString(payload.object) ?? typeof payload.object });
    return [];
  }
  const parsed = options.parse(payload);
  for (const item of parsed.skipped) options.log.debug("Webhook item not bridged", { reason: item.reason, account: item.account, id: item.id });
  return parsed.events.filter((event) => {
    if (options.isConfiguredAccount(event.chat.receiver)) return true;
    options.log.info("Webhook event for an account that is not configured dropped", { account: event.chat.receiver, event: remoteEventKey(event) });
    return false;
  });
}
