import { NetworkError, type NetworkErrorReason } from "../../core/networks/network-error";
import { GraphApiError, GraphTransportError, type GraphFailure } from "./graph-error";
import { RATE_LIMIT_CODES, TEMPORARY_CODES } from "./retry-policy";

/** Who was acting and what was lost, for the sentence the people in the portal read. */
export interface ErrorContext {
  /** network id, e.g. "whatsapp" (for config keys) */
  network: string;
  /** product name, e.g. "WhatsApp" */
  label: string;
  /** the account's label (its name, or its id) */
  account: string;
  /** what did not happen, e.g. "the message was not sent" */
  outcome: string;
}

/** One row of a mapping table: a Graph code (and optionally a subcode) to a reason and a sentence. */
export interface ErrorRule {
  codes: readonly number[];
  subcodes?: readonly number[];
  /** a further condition on the error (e.g. "no subcode"), when codes and subcodes cannot say it */
  when?: (error: GraphApiError) => boolean;
  reason: NetworkErrorReason;
  message: (ctx: ErrorContext, error: GraphApiError) => string;
}

const AUTH_SUBCODE_WORDING: Record<number, string> = {
  458: "the app is no longer installed for it",
  460: "its password was changed",
  463: "it has expired",
  464: "the user is unconfirmed",
  467: "it is no longer valid (logged out or revoked)",
};

/** Rules every Meta product shares; a product's own table is consulted first. */
export const SHARED_RULES: readonly ErrorRule[] = [
  {
    codes: [190, 102],
    reason: "auth",
    message: (ctx, error) =>
      `${ctx.label} rejected the access token of account ${ctx.account}: ${AUTH_SUBCODE_WORDING[error.subcode ?? 0] ?? "it has expired or was revoked"}. ` +
      `${capitalise(ctx.outcome)}; an admin must renew the access token (networks.${ctx.network}.accounts).`,
  },
  {
    codes: [551],
    reason: "recipient-unavailable",
    message: (ctx) =>
      `This person can't receive messages on ${ctx.label} right now (they may have blocked the account or deactivated theirs); ${ctx.outcome}.`,
  },
  {
    codes: [100],
    subcodes: [2018001],
    reason: "recipient-unavailable",
    message: (ctx) => `${ctx.label} knows no such person for account ${ctx.account}; ${ctx.outcome}.`,
  },
  {
    codes: [100],
    reason: "invalid",
    message: (ctx) => `${ctx.label} refused the request as invalid (for example a text that is too long); ${ctx.outcome}.`,
  },
  {
    codes: [3, 10, 200, 230, 368],
    reason: "permission",
    message: (ctx) =>
      `Account ${ctx.account} lacks the ${ctx.label} permission this needs; ${ctx.outcome}. An admin must grant it in the Meta app dashboard.`,
  },
];

/**
 * The 24-hour customer-service window is closed: only the person can reopen it. `advice` follows
 * "they must write first" with what else can be done (a template, the human-agent option).
 */
export function windowClosedRule(codes: readonly number[], subcodes?: readonly number[], advice?: (ctx: ErrorContext) => string): ErrorRule {
  return {
    codes,
    subcodes,
    reason: "window-closed",
    message: (ctx) =>
      `${capitalise(ctx.outcome)}: it has been more than 24 hours since this person last wrote on ${ctx.label}; they must write first${advice ? `, ${advice(ctx)}` : ""}.`,
  };
}

/**
 * A Graph failure as a NetworkError: the product's table, then the shared one, then the broad
 * classes (permission range, rate limits, temporary errors). The fbtrace_id goes into `detail`.
 */
export function toNetworkError(failure: GraphFailure, ctx: ErrorContext, productRules: readonly ErrorRule[] = []): NetworkError {
  if (failure instanceof GraphTransportError) {
    return new NetworkError(
      "temporary",
      `${ctx.label} could not be reached (${failure.kind === "timeout" ? "no answer in time" : "connection failed"}) after ${attemptsText(failure.attempts)}; ${ctx.outcome}. Try again later.`,
      transportDetail(failure),
      { cause: failure },
    );
  }
  const rule = [...productRules, ...SHARED_RULES].find((r) => matches(r, failure));
  const [reason, message] = rule ? [rule.reason, rule.message(ctx, failure)] : fallback(failure, ctx);
  return new NetworkError(reason, message, graphDetail(failure), { cause: failure });
}

function matches(rule: ErrorRule, error: GraphApiError): boolean {
  if (!rule.codes.includes(error.code)) return false;
  if (rule.when && !rule.when(error)) return false;
  return rule.subcodes === undefined || (error.subcode !== undefined && rule.subcodes.includes(error.subcode));
}

function fallback(error: GraphApiError, ctx: ErrorContext): [NetworkErrorReason, string] {
  if (RATE_LIMIT_CODES.has(error.code)) {
    return ["rate-limited", `${ctx.label} is rate-limiting account ${ctx.account}; ${ctx.outcome} after ${attemptsText(error.attempts)}. Try again in a few minutes.`];
  }
  if (TEMPORARY_CODES.has(error.code) || error.body.isTransient) {
    return ["temporary", `${ctx.label} had a temporary problem; ${ctx.outcome} after ${attemptsText(error.attempts)}. Try again later.`];
  }
  if (error.code >= 200 && error.code <= 299) {
    return ["permission", `Account ${ctx.account} lacks the ${ctx.label} permission this needs; ${ctx.outcome}. An admin must grant it in the Meta app dashboard.`];
  }
  return ["unknown", `${ctx.label} refused the request (error ${error.code}); ${ctx.outcome}.`];
}

function attemptsText(attempts: number): string {
  return attempts === 1 ? "1 attempt" : `${attempts} attempts`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function graphDetail(error: GraphApiError): string {
  const body = error.body;
  const parts = [
    `graph code=${body.code}`,
    body.subcode !== undefined ? `subcode=${body.subcode}` : "",
    `http=${error.status}`,
    body.type ? `type=${body.type}` : "",
    `fbtrace_id=${body.fbtraceId ?? "none"}`,
    `attempts=${error.attempts}`,
    `message=${JSON.stringify(body.message)}`,
    body.details ? `details=${JSON.stringify(body.details)}` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

function transportDetail(error: GraphTransportError): string {
  return [`transport=${error.kind}`, error.status !== undefined ? `http=${error.status}` : "", `attempts=${error.attempts}`, error.message]
    .filter(Boolean)
    .join(" ");
}
