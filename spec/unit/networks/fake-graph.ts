import type { MetaConnectorSettings } from "../../../src/networks/meta/connector-settings";

/** One request a fake fetch saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Scripted = { status: number; json?: unknown; text?: string; headers?: Record<string, string> } | { throws: Error };

/** A fetch that answers from a script (the last entry repeats) and records what it was asked. */
export function scriptedFetch(script: Scripted[]): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  let index = 0;
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    seen.push({ method: init?.method ?? "GET", url: String(input), headers, body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined });
    const step = script[Math.min(index++, script.length - 1)]!;
    if ("throws" in step) throw step.throws;
    const text = step.text ?? (step.json === undefined ? "" : JSON.stringify(step.json));
    return new Response(text, { status: step.status, headers: { "content-type": "application/json", ...step.headers } });
  };
  return { fetch: fake as typeof fetch, seen };
}

export function graphError(code: number, subcode?: number, message = "boom"): { error: Record<string, unknown> } {
  return {
    error: {
      message: `(#${code}) ${message}`,
      type: "OAuthException",
      code,
      ...(subcode !== undefined ? { error_subcode: subcode } : {}),
      fbtrace_id: "AbCdEf123",
    },
  };
}

export function settings(overrides: Partial<MetaConnectorSettings> = {}): MetaConnectorSettings {
  return {
    graph_api: { base_url: "https://graph.example", version: "v26.0", timeout_ms: 5000, max_retries: 3 },
    access_token: "network-token",
    app_secret: "app-secret",
    verify_token: "verify-me",
    app_id: "555000111",
    accounts: [
      { id: "1000001", name: "Support", access_token: "support-token", waba_id: "2000001" },
      { id: "1000002", name: "", access_token: "", waba_id: "" },
    ],
    human_agent: false,
    ...overrides,
  };
}

export const noSleep = { sleep: async () => undefined, random: () => 0.5 };
