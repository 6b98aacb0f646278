/**
 * Why a network refused or failed a request, in words for the people in the portal. Connectors
 * map their network's errors to these; the core turns them into notices.
 */
export type NetworkErrorReason =
  | "auth" // token expired or revoked: an admin must act
  | "window-closed" // outside the network's messaging window: the person must write first
  | "recipient-unavailable" // blocked, deactivated, not on the network
  | "rate-limited" // still rate limited after the connector's retries
  | "unsupported" // the network cannot carry this content
  | "invalid" // the request was refused as malformed (a bug or an over-long message)
  | "permission" // the account lacks a permission
  | "temporary" // transient failure that outlasted the retries
  | "unknown";

export class NetworkError extends Error {
  constructor(
    readonly reason: NetworkErrorReason,
    /** a sentence for Matrix users: what happened and what to do */
    readonly userMessage: string,
    /** details for the log (codes, trace ids); never tokens or message bodies */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${reason}: ${detail}`, options);
    this.name = "NetworkError";
  }
}
