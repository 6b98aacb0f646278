import type { EmulatedNetwork, InjectedFailure } from "../types";

/** What a request was identified as, for matching injected failures. */
export interface FailureTarget {
  network: EmulatedNetwork | null;
  accountId: string | null;
  path: string;
}

interface PendingFailure {
  failure: InjectedFailure;
  remaining: number;
}

export function checkInjectedFailure(failure: InjectedFailure): void {
  if (!Number.isInteger(failure.code)) throw new Error("an injected failure needs an integer code");
  if (failure.times !== undefined && (!Number.isInteger(failure.times) || failure.times < 1)) throw new Error("times must be a positive integer");
  if (failure.status !== undefined && (!Number.isInteger(failure.status) || failure.status < 100 || failure.status > 599)) {
    throw new Error("status must be an HTTP status code");
  }
  if (failure.transport !== undefined && failure.transport !== "reset") throw new Error('transport must be "reset"');
}

/** Failures tests ask for, handed out first come first served to the requests they match. */
export class FailureInjector {
  private pending: PendingFailure[] = [];

  add(failure: InjectedFailure): void {
    checkInjectedFailure(failure);
    this.pending.push({ failure: { ...failure }, remaining: failure.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  take(target: FailureTarget): InjectedFailure | undefined {
    const match = this.pending.find(({ failure }) => matches(failure, target));
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining === 0) this.pending = this.pending.filter((entry) => entry !== match);
    return match.failure;
  }
}

function matches(failure: InjectedFailure, target: FailureTarget): boolean {
  if (failure.network !== undefined && failure.network !== target.network) return false;
  if (failure.accountId !== undefined && failure.accountId !== target.accountId) return false;
  if (failure.pathIncludes !== undefined && !target.path.includes(failure.pathIncludes)) return false;
  return true;
}
