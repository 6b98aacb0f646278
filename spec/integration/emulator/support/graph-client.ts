import type { GraphEmulator } from "../../../../src/emulator";

export interface GraphAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface GraphRequestOptions {
  token?: string;
  /** Where the token goes (default: Authorization header). */
  tokenIn?: "header" | "query";
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  query?: Record<string, string>;
  version?: string;
}

/** One Graph call against the emulator, as a connector would make it. */
export async function graph(emulator: GraphEmulator, method: string, path: string, options: GraphRequestOptions = {}): Promise<GraphAnswer> {
  const url = new URL(`${emulator.url}/${options.version ?? "v26.0"}/${path.replace(/^\//, "")}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (options.token !== undefined) {
    if (options.tokenIn === "query") url.searchParams.set("access_token", options.token);
    else headers.Authorization = `Bearer ${options.token}`;
  }
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  } else if (options.multipart) {
    body = options.multipart;
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, headers: response.headers };
}

export function graphError(answer: GraphAnswer): Record<string, unknown> {
  const error = answer.body.error;
  if (typeof error !== "object" || error === null) throw new Error(`expected a Graph error, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return error as Record<string, unknown>;
}

/** Asserts the common error shape and returns code and subcode for comparison. */
export function errorCodes(answer: GraphAnswer): { status: number; code: unknown; subcode: unknown } {
  const error = graphError(answer);
  if (typeof error.message !== "string" || typeof error.type !== "string" || typeof error.fbtrace_id !== "string") {
    throw new Error(`incomplete Graph error body: ${JSON.stringify(answer.body)}`);
  }
  return { status: answer.status, code: error.code, subcode: error.error_subcode };
}
