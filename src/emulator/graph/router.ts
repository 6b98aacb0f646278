import type { IncomingMessage, ServerResponse } from "node:http";
import { describeError, getLogger } from "../../logging/logger";
import type { EmulatedNetwork, HttpStatusMode, InjectedFailure, RecordedRequest, RequestKind } from "../types";
import { AUTH_PARAMS, checkAppSecretProof, presentedToken } from "./access-token";
import type { EmulatorClock } from "./clock";
import {
  ambiguousMe,
  invalidAccessToken,
  invalidParameter,
  missingAccessToken,
  tokenNotForObject,
  unknownPathComponents,
  unsupportedRequest,
} from "./common-errors";
import type { Directory, ResolvedAccount } from "./directory";
import type { FailureInjector } from "./failure-injector";
import { GraphError, graphErrorBody } from "./graph-error";
import { sendBytes, sendJson } from "./http-response";
import { httpStatusFor } from "./http-status";
import { fbtraceId } from "./ids";
import type { ObservableLog } from "./observable-log";
import type { Params } from "./params";
import type { NodeKind, Product, ProductRoute, RawRoute } from "./product";
import { BodyTooLargeError, parseBody, readRawBody } from "./request-body";

const log = getLogger("emulator.graph");

export interface RouterSettings {
  graphVersion: RegExp;
  httpStatusMode: HttpStatusMode;
}

export type ControlHandler = (request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer) => Promise<void>;

export interface RouterDependencies {
  directory: Directory;
  products: ReadonlyMap<EmulatedNetwork, Product>;
  rawRoutes: readonly RawRoute[];
  failures: FailureInjector;
  requests: ObservableLog<RecordedRequest>;
  clock: EmulatorClock;
  settings: RouterSettings;
  control: ControlHandler;
}

/** Where a Graph path points, worked out before anything is checked (refused requests are recorded with it). */
interface Target {
  nodeId: string | undefined;
  edge: string | undefined;
  extraPath: string | undefined;
  nodeKind: NodeKind;
  isMe: boolean;
  /** Accounts the node id names (or, for /me and other objects, those holding the token). */
  candidates: ResolvedAccount[];
  account: ResolvedAccount | undefined;
  route: ProductRoute | undefined;
}

type RecordDraft = Omit<RecordedRequest, "status" | "response">;

function without(params: Params, keys: readonly string[]): Params {
  return Object.fromEntries(Object.entries(params).filter(([key]) => !keys.includes(key)));
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split("/").filter(Boolean).map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** Routes every request: control API, plain resources, and the versioned Graph API with its checks. */
export class GraphRouter {
  constructor(private readonly deps: RouterDependencies) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://emulator.invalid");
    let raw: Buffer;
    try {
      raw = await readRawBody(request);
    } catch (err) {
      if (err instanceof BodyTooLargeError) sendJson(response, 413, { error: { message: err.message } });
      return;
    }
    if (url.pathname === "/_emulator" || url.pathname.startsWith("/_emulator/")) return this.deps.control(request, response, url, raw);
    const rawRoute = this.deps.rawRoutes.find((route) => url.pathname.startsWith(route.pathPrefix));
    if (rawRoute) return this.serveRaw(rawRoute, request, response, url);
    await this.serveGraph(request, response, url, raw);
  }

  private serveRaw(route: RawRoute, request: IncomingMessage, response: ServerResponse, url: URL): void {
    const now = this.deps.clock.now();
    const result = route.handle({ method: request.method ?? "GET", url, headers: request.headers, now });
    const draft: RecordDraft = {
      network: result.network,
      accountId: result.accountId,
      method: request.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: null,
      at: now,
      kinds: route.kinds,
    };
    const failure = this.deps.failures.take({ network: draft.network, accountId: draft.accountId, path: url.pathname });
    if (failure) return this.fail(failure, draft, request, response);
    const recorded = result.contentType.startsWith("application/json") ? String(result.body) : { contentType: result.contentType, bytes: result.body.length };
    this.deps.requests.add({ ...draft, status: result.status, response: recorded });
    sendBytes(response, result.status, result.contentType, result.body);
  }

  private async serveGraph(request: IncomingMessage, response: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const parsed = parseBody(request.headers["content-type"], raw);
    const token = presentedToken(request.headers, url.searchParams, parsed.params);
    const params = without({ ...Object.fromEntries(url.searchParams), ...parsed.params }, AUTH_PARAMS);
    const segments = decodeSegments(url.pathname) ?? [];
    const target = this.identify(method, segments.slice(1), token);
    const draft: RecordDraft = {
      network: target.account?.network ?? null,
      accountId: target.account?.id ?? null,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parsed.recorded,
      at: this.deps.clock.now(),
      kinds: this.classify(target.route, params),
    };
    try {
      if (!this.deps.settings.graphVersion.test(segments[0] ?? "")) throw unknownPathComponents(url.pathname);
      const failure = this.deps.failures.take({ network: draft.network, accountId: draft.accountId, path: url.pathname });
      if (failure) return this.fail(failure, draft, request, response);
      const account = this.authenticate(method, target, token);
      checkAppSecretProof(url.searchParams.get("appsecret_proof") ?? parsed.params.appsecret_proof, token!, account.appSecret);
      if (parsed.problem) throw invalidParameter(parsed.problem);
      const route = this.requireRoute(method, target, segments);
      const result = await route.handle({ method, path: url.pathname, nodeId: target.nodeId!, edge: target.edge, params, files: parsed.files, account, now: draft.at });
      if (result.afterResponse) response.once("finish", result.afterResponse);
      this.respond(response, draft, 200, result.body);
    } catch (err) {
      this.refuse(response, draft, err);
    }
  }

  private identify(method: string, path: string[], token: string | undefined): Target {
    const [nodeId, edge, ...extra] = path;
    const { directory } = this.deps;
    const holders = directory.accountsWithToken(token);
    let nodeKind: NodeKind = "object";
    let candidates = holders;
    if (nodeId !== undefined && nodeId !== "me" && directory.accountsWithId(nodeId).length) {
      nodeKind = "account";
      candidates = directory.accountsWithId(nodeId);
    } else if (nodeId === "me") {
      nodeKind = "account";
    } else if (nodeId !== undefined && directory.accountsWithWabaId(nodeId).length) {
      nodeKind = "business";
      candidates = directory.accountsWithWabaId(nodeId);
    } else if (nodeId !== undefined) {
      const knowing = holders.filter((account) => this.deps.products.get(account.network)?.knowsObject(nodeId));
      if (knowing.length) candidates = knowing;
    }
    const account = candidates.find((candidate) => candidate.accessToken === token) ?? candidates[0];
    const route =
      account && extra.length === 0 && nodeId !== undefined
        ? this.deps.products.get(account.network)?.routes.find((r) => r.method === method && r.node === nodeKind && r.edge === edge)
        : undefined;
    return { nodeId, edge, extraPath: extra.length ? extra.join("/") : undefined, nodeKind, isMe: nodeId === "me", candidates, account, route };
  }

  private classify(route: ProductRoute | undefined, params: Params): RequestKind[] {
    try {
      return route ? route.kinds(params) : [];
    } catch {
      return [];
    }
  }

  private authenticate(method: string, target: Target, token: string | undefined): ResolvedAccount {
    if (!token) throw missingAccessToken();
    const holders = this.deps.directory.accountsWithToken(token);
    if (target.isMe) {
      if (holders.length === 0) throw invalidAccessToken();
      if (holders.length > 1) throw ambiguousMe();
      return holders[0]!;
    }
    if (target.nodeKind === "object") {
      if (!target.account || holders.length === 0) throw invalidAccessToken();
      return target.account;
    }
    const match = target.candidates.find((candidate) => candidate.accessToken === token);
    if (match) return match;
    if (!holders.length) throw invalidAccessToken();
    // A business a valid token may not read is "does not exist or cannot be loaded" to Graph.
    throw target.nodeKind === "business" ? unsupportedRequest(method, target.nodeId!) : tokenNotForObject(target.nodeId!);
  }

  private requireRoute(method: string, target: Target, segments: string[]): ProductRoute {
    if (target.route) return target.route;
    if (target.nodeId === undefined || target.extraPath !== undefined) throw unknownPathComponents("/" + segments.slice(2).join("/"));
    const network = target.account?.network;
    const routes = network ? (this.deps.products.get(network)?.routes ?? []) : [];
    const edgeExists = routes.some((route) => route.node === target.nodeKind && route.edge === target.edge);
    if (target.edge !== undefined && !edgeExists) throw unknownPathComponents(`/${target.edge}`);
    throw unsupportedRequest(method, target.nodeId);
  }

  private fail(failure: InjectedFailure, draft: RecordDraft, request: IncomingMessage, response: ServerResponse): void {
    if (failure.transport === "reset") {
      this.deps.requests.add({ ...draft, status: 0, response: null });
      log.info("dropping a connection on request", { path: draft.path });
      request.socket.resetAndDestroy();
      return;
    }
    const message = failure.message ?? `(#${failure.code}) Injected failure`;
    this.refuse(response, draft, new GraphError({ code: failure.code, subcode: failure.subcode, type: failure.type, message, httpStatus: failure.status }));
  }

  private refuse(response: ServerResponse, draft: RecordDraft, err: unknown): void {
    let error: GraphError;
    if (err instanceof GraphError) {
      error = err;
    } else {
      log.error("emulator bug while handling a request", { path: draft.path, error: describeError(err) });
      error = new GraphError({ code: 1, message: "An unknown error has occurred.", httpStatus: 500 });
    }
    const status = error.httpStatus ?? httpStatusFor(error.code, this.deps.settings.httpStatusMode);
    this.respond(response, draft, status, graphErrorBody(error, draft.network, fbtraceId()));
  }

  private respond(response: ServerResponse, draft: RecordDraft, status: number, body: unknown): void {
    this.deps.requests.add({ ...draft, status, response: body });
    log.info("graph request", { method: draft.method, path: draft.path, network: draft.network, account: draft.accountId, status });
    sendJson(response, status, body, { "x-fb-trace-id": fbtraceId() });
  }
}
