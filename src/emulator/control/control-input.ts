import { checkInjectedFailure } from "../graph/failure-injector";
import { isPlainObject } from "../graph/params";
import { EMULATED_NETWORKS, type EmulatedNetwork, type InboundMessage, type InjectedFailure, type RequestKind, type SentFilter, type WebhookFilter, type WebhookKind } from "../types";

/** A control request the emulator cannot act on; answered with 400 and the message. */
export class ControlInputError extends Error {}

type Fields = Record<string, unknown>;

export function parseJsonObject(body: Buffer): Fields {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8") || "{}");
  } catch {
    throw new ControlInputError("the body must be JSON");
  }
  if (!isPlainObject(value)) throw new ControlInputError("the body must be a JSON object");
  return value;
}

function only(fields: Fields, allowed: readonly string[]): void {
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new ControlInputError(`unknown field(s): ${unknown.join(", ")} (known: ${allowed.join(", ")})`);
}

function network(value: unknown): EmulatedNetwork {
  const found = EMULATED_NETWORKS.find((candidate) => candidate === value);
  if (!found) throw new ControlInputError(`network must be one of ${EMULATED_NETWORKS.join(", ")}`);
  return found;
}

function string(fields: Fields, key: string, required: boolean): string | undefined {
  const value = fields[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string" || value === "") throw new ControlInputError(`${key} must be a non-empty string`);
  return value;
}

function integer(fields: Fields, key: string, required: boolean): number | undefined {
  const value = fields[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw new ControlInputError(`${key} must be an integer`);
  return value;
}

export function parseInboundMessage(fields: Fields): InboundMessage {
  only(fields, ["network", "accountId", "from", "text", "name", "messageId", "replyTo", "timestamp"]);
  return {
    network: network(fields.network),
    accountId: string(fields, "accountId", true)!,
    from: string(fields, "from", true)!,
    text: string(fields, "text", true)!,
    name: string(fields, "name", false),
    messageId: string(fields, "messageId", false),
    replyTo: string(fields, "replyTo", false),
    timestamp: integer(fields, "timestamp", false),
  };
}

export function parseInjectedFailure(fields: Fields): InjectedFailure {
  only(fields, ["network", "accountId", "pathIncludes", "times", "status", "code", "subcode", "message", "type", "transport"]);
  const failure: InjectedFailure = {
    network: fields.network === undefined ? undefined : network(fields.network),
    accountId: string(fields, "accountId", false),
    pathIncludes: string(fields, "pathIncludes", false),
    times: integer(fields, "times", false),
    status: integer(fields, "status", false),
    code: integer(fields, "code", true)!,
    subcode: integer(fields, "subcode", false),
    message: string(fields, "message", false),
    type: string(fields, "type", false),
    transport: fields.transport === undefined ? undefined : (string(fields, "transport", true) as "reset"),
  };
  try {
    checkInjectedFailure(failure);
  } catch (err) {
    throw new ControlInputError((err as Error).message);
  }
  return failure;
}

export function parseClockAdvance(fields: Fields): number {
  only(fields, ["advanceMs"]);
  const ms = integer(fields, "advanceMs", true)!;
  if (ms < 0) throw new ControlInputError("advanceMs must not be negative");
  return ms;
}

export function parseSentFilter(query: URLSearchParams): SentFilter {
  return {
    network: query.has("network") ? network(query.get("network")) : undefined,
    accountId: query.get("accountId") ?? undefined,
    kind: (query.get("kind") as RequestKind | null) ?? undefined,
  };
}

export function parseWebhookFilter(query: URLSearchParams): WebhookFilter {
  return {
    network: query.has("network") ? network(query.get("network")) : undefined,
    accountId: query.get("accountId") ?? undefined,
    kind: (query.get("kind") as WebhookKind | null) ?? undefined,
  };
}
