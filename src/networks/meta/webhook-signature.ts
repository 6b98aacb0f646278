import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type SignatureCheck = "valid" | "missing" | "invalid";

const HEADER_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the exact raw body keyed with
 * the app secret. Meta signs the bytes it sends (non-ASCII escaped as \uXXXX), so the check must
 * run on those bytes, never on re-serialised JSON.
 */
export function checkSignature(rawBody: Buffer, header: string | undefined, appSecret: string): SignatureCheck {
  if (header === undefined || header === "") return "missing";
  const match = HEADER_FORMAT.exec(header.trim());
  if (!match || !appSecret) return "invalid";
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, "hex");
  return timingSafeEqual(expected, given) ? "valid" : "invalid";
}

export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return "sha256=" + createHmac("sha256", appSecret).update(rawBody).digest("hex");
}

/** Constant-time string equality that does not leak the length (both sides hashed first). */
export function secretsEqual(given: string, expected: string): boolean {
  if (!expected) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
