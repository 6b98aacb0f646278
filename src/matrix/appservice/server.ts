import express, { type NextFunction, type Request, type Response } from "express";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describeError, getLogger } from "../../logging/logger";
import type { AppserviceHandlers } from "./handlers";
import { sendMatrixError } from "./matrix-error";
import { presentedToken, secretsEqual } from "./token-check";
import { MalformedTransactionError, parseTransaction } from "./transaction-body";

const log = getLogger("appservice");

/** Synapse sends at most 100 PDUs and 100 EDUs a transaction; to-device batches can be larger. */
const MAX_TRANSACTION_BYTES = 32 * 1024 * 1024;
const CLOSE_GRACE_MS = 2000;

export interface AppserviceServerOptions {
  hsToken: string;
  handlers: AppserviceHandlers;
  /** extra routers mounted before the 404 fallback (e.g. network webhooks) */
  extraRoutes?: express.Router[];
}

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

function wrap(handler: AsyncHandler) {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

/** The homeserver-facing HTTP API (application service API, /_matrix/app/v1). */
export function createAppserviceApp(options: AppserviceServerOptions): express.Express {
  const { hsToken, handlers } = options;
  const app = express();
  app.disable("x-powered-by");

  app.get("/health", (_req, res) => {
    res.type("text/plain").send("OK");
  });

  for (const router of options.extraRoutes ?? []) app.use(router);

  const api = express.Router();
  api.use((req, res, next) => {
    const token = presentedToken(req);
    if (token === undefined || !secretsEqual(token, hsToken)) {
      log.warn("refused a request with a missing or wrong hs_token", { method: req.method, path: req.path, ip: req.ip });
      sendMatrixError(res, 403, "M_FORBIDDEN", "Bad or missing homeserver token");
      return;
    }
    next();
  });
  api.use(express.json({ limit: MAX_TRANSACTION_BYTES }));

  api.put(
    "/transactions/:txnId",
    wrap(async (req, res) => {
      const txnId = String(req.params.txnId);
      let transaction;
      try {
        transaction = parseTransaction(req.body);
      } catch (err) {
        if (!(err instanceof MalformedTransactionError)) throw err;
        log.warn("refused a malformed transaction", { txnId, reason: err.message });
        sendMatrixError(res, 400, "M_BAD_JSON", err.message);
        return;
      }
      const outcome = await handlers.acceptTransaction(txnId, transaction);
      if (outcome === "duplicate") log.debug("acknowledged a replayed transaction", { txnId });
      res.json({});
    }),
  );

  api.get(
    "/users/:userId",
    wrap(async (req, res) => {
      if (await handlers.queryUser(String(req.params.userId))) res.json({});
      else sendMatrixError(res, 404, "M_NOT_FOUND", "No such user on this bridge");
    }),
  );

  api.get(
    "/rooms/:alias",
    wrap(async (req, res) => {
      if (await handlers.queryAlias(String(req.params.alias))) res.json({});
      else sendMatrixError(res, 404, "M_NOT_FOUND", "No such room alias on this bridge");
    }),
  );

  api.get("/thirdparty/protocol/:protocol", (req, res) => {
    const protocol = handlers.protocol(String(req.params.protocol));
    if (protocol) res.json(protocol);
    else sendMatrixError(res, 404, "M_NOT_FOUND", `Unknown protocol ${req.params.protocol}`);
  });

  api.post("/ping", (_req, res) => {
    res.json({});
  });

  api.use((req, res) => {
    sendMatrixError(res, 404, "M_UNRECOGNIZED", `Unrecognized request: ${req.method} ${req.path}`);
  });

  app.use("/_matrix/app/v1", api);

  app.use((req: Request, res: Response) => {
    sendMatrixError(res, 404, "M_UNRECOGNIZED", `Unrecognized request: ${req.method} ${req.path}`);
  });

  // express recognises error handlers by their four parameters
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === "object" && err !== null && "status" in err ? Number((err as { status: unknown }).status) : 500;
    if (status === 400 && (err as { type?: string }).type === "entity.parse.failed") {
      sendMatrixError(res, 400, "M_NOT_JSON", "The body is not valid JSON");
      return;
    }
    if (status === 413) {
      sendMatrixError(res, 413, "M_TOO_LARGE", "The body is too large");
      return;
    }
    log.error("request failed", { method: req.method, path: req.path, error: describeError(err) });
    if (!res.headersSent) sendMatrixError(res, 500, "M_UNKNOWN", "Internal error; see the bridge log");
  });

  return app;
}

export interface ListeningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function listen(app: express.Express, hostname: string, port: number): Promise<ListeningServer> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        // Requests under way get a moment to finish (their work is persisted before the reply);
        // then keep-alive connections the homeserver holds open must not delay shutdown.
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
