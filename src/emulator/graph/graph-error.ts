import type { EmulatedNetwork } from "../types";

export interface GraphErrorFields {
  code: number;
  /** The whole message as Meta phrases it, usually "(#code) …". */
  message: string;
  subcode?: number;
  type?: string;
  /** WhatsApp's error_data.details (default: the message without its "(#code) " prefix). */
  details?: string;
  /** Overrides the HTTP status the code would get. */
  httpStatus?: number;
}

/** A refusal in Graph API terms; the router turns it into Meta's error body. */
export class GraphError extends Error {
  readonly code: number;
  readonly subcode: number | undefined;
  readonly type: string;
  readonly details: string;
  readonly httpStatus: number | undefined;

  constructor(fields: GraphErrorFields) {
    super(fields.message);
    this.name = "GraphError";
    this.code = fields.code;
    this.subcode = fields.subcode;
    this.type = fields.type ?? "OAuthException";
    this.details = fields.details ?? fields.message.replace(/^\(#\d+\)\s*/, "");
    this.httpStatus = fields.httpStatus;
  }
}

/** `{error: {message, type, code, error_subcode?, error_data?, fbtrace_id}}`, keys in Meta's order. */
export function graphErrorBody(error: GraphError, network: EmulatedNetwork | null, fbtraceId: string): { error: Record<string, unknown> } {
  const body: Record<string, unknown> = { message: error.message, type: error.type, code: error.code };
  if (error.subcode !== undefined) body.error_subcode = error.subcode;
  if (network === "whatsapp") body.error_data = { messaging_product: "whatsapp", details: error.details };
  body.fbtrace_id = fbtraceId;
  return { error: body };
}
