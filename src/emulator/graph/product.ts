import type { IncomingHttpHeaders } from "node:http";
import type { EmulatedNetwork, EmulatorUser, RequestKind } from "../types";
import type { ResolvedAccount } from "./directory";
import type { Params } from "./params";
import type { UploadedFile } from "./request-body";

/** What the first path segment after the version names: an account (or /me), a WABA, or anything else. */
export type NodeKind = "account" | "business" | "object";

/** An authenticated Graph request, ready for a product's handler. */
export interface GraphCall {
  method: string;
  path: string;
  nodeId: string;
  edge: string | undefined;
  params: Params;
  files: UploadedFile[];
  /** The account whose token the request carries. */
  account: ResolvedAccount;
  now: number;
}

export interface GraphResult {
  body: unknown;
  /** Runs once the response has gone out (echo and status webhooks follow the answer, as on Meta). */
  afterResponse?: () => void;
}

export interface ProductRoute {
  method: "GET" | "POST" | "DELETE";
  node: NodeKind;
  edge?: string;
  /** What the request counts as, from its shape alone, so refused requests are classified too. */
  kinds(params: Params): RequestKind[];
  handle(call: GraphCall): GraphResult | Promise<GraphResult>;
}

export interface RawRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  now: number;
}

export interface RawResult {
  status: number;
  contentType: string;
  body: Buffer | string;
  network: EmulatedNetwork | null;
  accountId: string | null;
}

/** Plain HTTP resources outside the versioned Graph paths: media downloads, profile pictures. */
export interface RawRoute {
  pathPrefix: string;
  kinds: RequestKind[];
  handle(request: RawRequest): RawResult;
}

export interface InboundEvent {
  account: ResolvedAccount;
  user: EmulatorUser;
  senderName: string;
  text: string;
  messageId: string;
  replyTo?: string;
  /** When the user sent it (ms). */
  sentAt: number;
  /** When the emulator sends the webhook (ms). */
  now: number;
}

/** One Meta product: its Graph routes and its webhook shapes. */
export interface Product {
  readonly network: EmulatedNetwork;
  readonly routes: readonly ProductRoute[];
  readonly rawRoutes: readonly RawRoute[];
  /** Whether an id that is no account means something to this product (a user, a media file). */
  knowsObject(nodeId: string): boolean;
  newInboundMessageId(account: ResolvedAccount): string;
  inboundWebhook(event: InboundEvent): unknown;
}
