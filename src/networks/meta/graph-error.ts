import { asBoolean, asNumber, asObject, asString } from "./json";

/** What Graph said in `{error:{…}}`: classified on code and subcode, never on the HTTP status alone. */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  fbtraceId?: string;
  /** WhatsApp's error_data.details, the text Meta says to build logic on together with the code */
  details?: string;
  isTransient?: boolean;
}

/** A Graph API request answered with an error body. */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: GraphErrorBody,
    /** how many times the request was sent */
    readonly attempts = 1,
  ) {
    super(`Graph error ${body.code}${body.subcode !== undefined ? `/${body.subcode}` : ""} (HTTP ${status}): ${body.message}`);
    this.name = "GraphApiError";
  }

  get code(): number {
    return this.body.code;
  }

  get subcode(): number | undefined {
    return this.body.subcode;
  }

  withAttempts(attempts: number): GraphApiError {
    return new GraphApiError(this.status, this.body, attempts);
  }
}

/**
 * A request that got no Graph answer: the connection failed or timed out, or the server answered
 * with a status and a body that is not a Graph error (a proxy's 502 page).
 */
export class GraphTransportError extends Error {
  constructor(
    readonly kind: "network" | "timeout" | "http" | "bad-response",
    message: string,
    readonly status?: number,
    readonly attempts = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GraphTransportError";
  }

  withAttempts(attempts: number): GraphTransportError {
    return new GraphTransportError(this.kind, this.message, this.status, attempts, { cause: this.cause });
  }
}

export type GraphFailure = GraphApiError | GraphTransportError;

/** The Graph error inside a response body, if it is one. */
export function parseGraphErrorBody(json: unknown): GraphErrorBody | undefined {
  const error = asObject(asObject(json)?.error);
  const code = asNumber(error?.code);
  if (!error || code === undefined) return undefined;
  return {
    message: asString(error.message) ?? "",
    type: asString(error.type),
    code,
    subcode: asNumber(error.error_subcode),
    fbtraceId: asString(error.fbtrace_id),
    details: asString(asObject(error.error_data)?.details),
    isTransient: asBoolean(error.is_transient),
  };
}
