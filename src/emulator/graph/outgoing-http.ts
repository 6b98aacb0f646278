import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface OutgoingRequest {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
}

export interface OutgoingResponse {
  status: number;
  body: string;
}

/** Requests the emulator makes to the bridge; stop() aborts whatever is still in flight. */
export class OutgoingHttp {
  private readonly inFlight = new Set<ClientRequest>();
  private stopped = false;

  send(outgoing: OutgoingRequest): Promise<OutgoingResponse> {
    if (this.stopped) return Promise.reject(new Error("the emulator is stopped"));
    const url = new URL(outgoing.url);
    const requestFn = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const headers = { ...outgoing.headers, ...(outgoing.body ? { "Content-Length": String(outgoing.body.length) } : {}) };
      // No connection pooling: every webhook is its own connection, so nothing lingers after stop().
      const request = requestFn(url, { method: outgoing.method, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          this.inFlight.delete(request);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        });
        response.on("error", (err) => {
          this.inFlight.delete(request);
          reject(err);
        });
      });
      this.inFlight.add(request);
      request.setTimeout(outgoing.timeoutMs, () => request.destroy(new Error(`no answer within ${outgoing.timeoutMs} ms`)));
      request.on("error", (err) => {
        this.inFlight.delete(request);
        reject(err);
      });
      request.end(outgoing.body);
    });
  }

  abortAll(): void {
    this.stopped = true;
    for (const request of this.inFlight) request.destroy(new Error("the emulator stopped"));
    this.inFlight.clear();
  }
}
