import type { ExitInfo, ManagedProcess } from "./managed-process";

export type ReadyOutcome = { ready: true } | { ready: false; exit?: ExitInfo; lastError?: string };

const POLL_MS = 100;

/**
 * Polls `url` until it answers 200, the process exits, or the timeout passes. Never throws: the
 * caller turns a failure into an error that carries the process's log.
 */
export async function waitForHttpOk(url: string, child: ManagedProcess, timeoutMs: number): Promise<ReadyOutcome> {
  const deadline = Date.now() + timeoutMs;
  let lastError: string | undefined;
  let exit: ExitInfo | undefined;
  void child.exited.then((info) => (exit = info));
  while (Date.now() < deadline) {
    if (exit) return { ready: false, exit, lastError };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return { ready: true };
      lastError = `HTTP ${response.status}`;
    } catch (err) {
      lastError = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { ready: false, exit, lastError };
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}
