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

export interface FetchedBytes {
  status: number;
  /** lower case, without parameters; "" when absent */
  contentType: string;
  body: Buffer;
}

/** A download refused because the body grew past the limit. */
export class TooLargeError extends Error {}

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

  /** GET of a file the bridge named (an attachment URL), never holding more than `maxBytes`. */
  getBytes(target: string, options: { timeoutMs: number; maxBytes: number }): Promise<FetchedBytes> {
    if (this.stopped) return Promise.reject(new Error("the emulator is stopped"));
    const url = new URL(target);
    const requestFn = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = requestFn(url, { method: "GET", agent: false }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            request.destroy(new TooLargeError(`more than ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          this.inFlight.delete(request);
          const contentType = (response.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
          resolve({ status: response.statusCode ?? 0, contentType, body: Buffer.concat(chunks) });
        });
        response.on("error", (err) => {
          this.inFlight.delete(request);
          reject(err);
        });
      });
      this.inFlight.add(request);
      request.setTimeout(options.timeoutMs, () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      request.on("error", (err) => {
        this.inFlight.delete(request);
        reject(err);
      });
      request.end();
    });
  }

  abortAll(): void {
    this.stopped = true;
    for (const request of this.inFlight) request.destroy(new Error("the emulator stopped"));
    this.inFlight.clear();
  }
}
