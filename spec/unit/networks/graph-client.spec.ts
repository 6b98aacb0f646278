import { strict as assert } from "node:assert";
import { GraphClient, type GraphClientSettings } from "../../../src/networks/meta/graph-client";
import { GraphApiError, GraphTransportError } from "../../../src/networks/meta/graph-error";
import { backoffDelay, isRetryable } from "../../../src/networks/meta/retry-policy";
import { graphError, scriptedFetch, type Scripted } from "./fake-graph";

const SETTINGS: GraphClientSettings = { baseUrl: "https://graph.example/", version: "v26.0", timeoutMs: 5000, maxRetries: 3, accessToken: "secret-token" };

function client(script: Scripted[], overrides: Partial<GraphClientSettings> = {}) {
  const { fetch, seen } = scriptedFetch(script);
  const sleeps: number[] = [];
  const graph = new GraphClient({ ...SETTINGS, ...overrides }, { fetch, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
  return { graph, seen, sleeps };
}

const reset = () => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });

describe("Graph client", () => {
  it("sends JSON with the bearer token to base/version/path and returns the answer", async () => {
    const { graph, seen } = client([{ status: 200, json: { recipient_id: "1", message_id: "m_1" } }]);
    assert.deepEqual(await graph.post("1122334455/messages", { recipient: { id: "1" } }), { recipient_id: "1", message_id: "m_1" });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.method, "POST");
    assert.equal(seen[0]!.url, "https://graph.example/v26.0/1122334455/messages");
    assert.equal(seen[0]!.headers.authorization, "Bearer secret-token");
    assert.equal(seen[0]!.headers["content-type"], "application/json");
    assert.deepEqual(seen[0]!.body, { recipient: { id: "1" } });
  });

  it("sends multipart bodies with their boundary, built afresh for a retry, and a per-request timeout", async () => {
    const bodies: { contentType: string | null; body: Buffer }[] = [];
    let calls = 0;
    const fake = async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      bodies.push({ contentType: new Headers(init?.headers).get("content-type"), body: Buffer.from(init?.body as Uint8Array) });
      calls++;
      return new Response(JSON.stringify(calls === 1 ? graphError(131000) : { id: "42" }), { status: calls === 1 ? 500 : 200, headers: { "content-type": "application/json" } });
    };
    const graph = new GraphClient(SETTINGS, { fetch: fake as typeof fetch, sleep: async () => undefined, random: () => 0.5 });
    const answer = await graph.request({ method: "POST", path: "1/media", multipart: [{ name: "file", fileName: "a.bin", contentType: "application/octet-stream", data: Buffer.from([0, 1, 2]) }], timeoutMs: 60_000 });
    assert.deepEqual(answer, { id: "42" });
    assert.equal(bodies.length, 2);
    for (const { contentType, body } of bodies) {
      const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(contentType ?? "")?.[1];
      assert.ok(boundary, String(contentType));
      assert.ok(body.includes(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\x02\r\n--${boundary}--`, "latin1")));
    }
  });

  it("puts query parameters on GETs", async () => {
    const { graph, seen } = client([{ status: 200, json: { id: "6543" } }]);
    await graph.get("6543", { fields: "first_name,last_name,profile_pic" });
    assert.equal(seen[0]!.url, "https://graph.example/v26.0/6543?fields=first_name%2Clast_name%2Cprofile_pic");
    assert.equal(seen[0]!.body, undefined);
  });

  it("parses a Graph error body into a typed GraphApiError", async () => {
    const body = { error: { message: "(#131047) Re-engagement message", type: "OAuthException", code: 131047, error_subcode: 2494010, error_data: { messaging_product: "whatsapp", details: "24h" }, fbtrace_id: "AbC" } };
    const { graph, seen } = client([{ status: 400, json: body }]);
    const error = await graph.post("x/messages", {}).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof GraphApiError);
    assert.deepEqual(error.body, { message: "(#131047) Re-engagement message", type: "OAuthException", code: 131047, subcode: 2494010, fbtraceId: "AbC", details: "24h", isTransient: undefined });
    assert.equal(error.status, 400);
    assert.equal(error.attempts, 1);
    assert.equal(seen.length, 1, "a closed window is not retried");
  });

  it("retries rate limits and temporary codes with growing, jittered delays, then succeeds", async () => {
    const { graph, seen, sleeps } = client([{ status: 429, json: graphError(130429) }, { status: 400, json: graphError(131056) }, { status: 500, json: graphError(131000) }, { status: 200, json: { ok: true } }]);
    assert.deepEqual(await graph.post("x/messages", {}), { ok: true });
    assert.equal(seen.length, 4);
    assert.deepEqual(sleeps, [500, 1000, 2000], "random 0.5 of 1 s, 2 s, 4 s");
  });

  it("gives up after max_retries and says how many attempts it made", async () => {
    const { graph, seen, sleeps } = client([{ status: 400, json: graphError(4) }], { maxRetries: 2 });
    const error = await graph.post("x/messages", {}).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof GraphApiError);
    assert.equal(error.attempts, 3);
    assert.equal(seen.length, 3);
    assert.equal(sleeps.length, 2);
  });

  it("never retries with max_retries 0", async () => {
    const { graph, seen } = client([{ status: 503, text: "busy" }], { maxRetries: 0 });
    await assert.rejects(graph.get("x"), (e: unknown) => e instanceof GraphTransportError && e.kind === "http" && e.status === 503);
    assert.equal(seen.length, 1);
  });

  it("classifies on the code, not the HTTP status", async () => {
    const permanent = client([{ status: 500, json: graphError(100) }, { status: 200, json: {} }]);
    await assert.rejects(permanent.graph.get("x"), (e: unknown) => e instanceof GraphApiError && e.code === 100);
    assert.equal(permanent.seen.length, 1);
    const transient = client([{ status: 400, json: graphError(2) }, { status: 200, json: { ok: 1 } }]);
    assert.deepEqual(await transient.graph.get("x"), { ok: 1 });
    assert.equal(transient.seen.length, 2);
  });

  it("retries dropped connections, 5xx pages without a Graph body, and errors marked is_transient", async () => {
    const { graph, seen } = client([
      { throws: reset() },
      { status: 502, text: "<html>bad gateway</html>", headers: { "content-type": "text/html" } },
      { status: 400, json: { error: { message: "try later", code: 9999, is_transient: true } } },
      { status: 200, json: { ok: true } },
    ]);
    assert.deepEqual(await graph.get("x"), { ok: true });
    assert.equal(seen.length, 4);
  });

  it("reports a dropped connection by its cause once retries are exhausted", async () => {
    const { graph } = client([{ throws: reset() }], { maxRetries: 1 });
    await assert.rejects(graph.get("x"), (e: unknown) => e instanceof GraphTransportError && e.kind === "network" && /ECONNRESET/.test(e.message) && e.attempts === 2);
  });

  it("times out an attempt that gets no answer", async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))) as typeof fetch;
    const graph = new GraphClient({ ...SETTINGS, timeoutMs: 30, maxRetries: 1 }, { fetch: hanging, sleep: async () => undefined, random: () => 0 });
    const started = Date.now();
    await assert.rejects(graph.get("x"), (e: unknown) => e instanceof GraphTransportError && e.kind === "timeout" && e.attempts === 2);
    assert.ok(Date.now() - started < 1000);
  });

  it("does not retry a 200 whose body is not JSON", async () => {
    const { graph, seen } = client([{ status: 200, text: "<html>" }]);
    await assert.rejects(graph.get("x"), (e: unknown) => e instanceof GraphTransportError && e.kind === "bad-response");
    assert.equal(seen.length, 1);
  });
});

describe("retry policy", () => {
  it("uses full jitter under an exponential, capped ceiling", () => {
    assert.equal(backoffDelay(0, () => 0), 0);
    assert.equal(backoffDelay(0, () => 0.999), 999);
    assert.equal(backoffDelay(3, () => 0.5), 4000);
    assert.equal(backoffDelay(20, () => 0.5), 15_000, "capped at 30 s");
  });

  it("retries Meta's transient and rate-limit codes only", () => {
    const api = (code: number) => new GraphApiError(400, { message: "", code });
    for (const code of [1, 2, 4, 17, 32, 613, 1200, 80007, 130429, 131000, 131016, 131056]) assert.ok(isRetryable(api(code)), String(code));
    for (const code of [10, 100, 190, 200, 551, 131026, 131047, 131048]) assert.ok(!isRetryable(api(code)), String(code));
  });
});
