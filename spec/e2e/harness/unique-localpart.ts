import { randomBytes } from "node:crypto";

let counter = 0;

/** One Synapse serves the whole run, so suites that register users need localparts no other suite uses. */
export function uniqueLocalpart(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString("hex")}`;
}
