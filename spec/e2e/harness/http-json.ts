/** Small JSON-over-HTTP helper for harness calls; errors carry the method, URL, status and body. */
export async function requestJson<T>(method: string, url: string, body?: unknown, accessToken?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}
