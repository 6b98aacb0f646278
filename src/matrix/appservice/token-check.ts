import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";

/** The token the homeserver sent: `Authorization: Bearer …`, or the legacy `access_token` query. */
export function presentedToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === "string" && header.startsWith("Bearer ")) return header.slice("Bearer ".length);
  const query = req.query.access_token;
  return typeof query === "string" ? query : undefined;
}

/** Constant-time comparison (hashing first makes the lengths equal and hides the real length). */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
