import type { HttpStatusMode } from "../types";

const THROTTLING_CODES = new Set([4, 80007, 130429, 131048, 131056]);
const PERMISSION_CODES = new Set([3, 10, 368, 131031]);

// Meta's WhatsApp error table (research notes §5.1); Graph errors it does not list come back as 400.
function metaTableStatus(code: number): number {
  if (code === 0 || code === 190) return 401;
  if (PERMISSION_CODES.has(code) || (code >= 200 && code <= 299)) return 403;
  if (THROTTLING_CODES.has(code)) return 429;
  if (code === 132001) return 404;
  if (code === 131000) return 500;
  if (code === 2) return 503;
  return 400;
}

export function httpStatusFor(code: number, mode: HttpStatusMode): number {
  return mode === "400-everywhere" ? 400 : metaTableStatus(code);
}
