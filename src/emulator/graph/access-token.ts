import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { invalidAppSecretProof } from "./common-errors";
import type { Params } from "./params";

/** Parameters that authenticate a request rather than describe it. */
export const AUTH_PARAMS = ["access_token", "appsecret_proof"] as const;

/** The token a request presents: `Authorization: Bearer|OAuth …` or the access_token parameter. */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams, bodyParams: Params): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  if (match) return match[1];
  const fromQuery = query.get("access_token");
  if (fromQuery) return fromQuery;
  return typeof bodyParams.access_token === "string" && bodyParams.access_token ? bodyParams.access_token : undefined;
}

/** appsecret_proof is optional, but when sent it must be HMAC-SHA256(token) keyed with the app secret. */
export function checkAppSecretProof(proof: unknown, token: string, appSecret: string): void {
  if (proof === undefined || proof === null) return;
  const expected = createHmac("sha256", appSecret).update(token).digest("hex");
  if (proof !== expected) throw invalidAppSecretProof();
}
