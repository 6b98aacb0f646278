import { createHmac } from "node:crypto";
import type { SignatureMode } from "../types";

export function hubSignature256(body: string | Buffer, appSecret: string): string {
  return "sha256=" + createHmac("sha256", appSecret).update(body).digest("hex");
}

function hubSignatureSha1(body: string | Buffer, appSecret: string): string {
  return "sha1=" + createHmac("sha1", appSecret).update(body).digest("hex");
}

/** X-Hub-Signature-256 plus the legacy SHA-1 header, as Meta still sends both. */
export function signatureHeaders(body: string | Buffer, appSecret: string, mode: SignatureMode): Record<string, string> {
  if (mode === "missing") return {};
  // Well-formed but keyed with another secret, so only a real HMAC check notices.
  const key = mode === "wrong" ? appSecret + "-not-the-app-secret" : appSecret;
  return { "X-Hub-Signature-256": hubSignature256(body, key), "X-Hub-Signature": hubSignatureSha1(body, key) };
}
