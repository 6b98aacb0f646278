import { describeError, getLogger } from "../logging/logger";

const log = getLogger("housekeeping");

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HousekeepingPort {
  forgetBefore(time: number): Promise<number>;
}

export interface HousekeepingOptions {
  /** how long a transaction id is remembered; homeservers replay only recent ones */
  keepTransactionsMs?: number;
  everyMs?: number;
  now?: () => number;
}

/** Keeps the processed-transaction table from growing forever. */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private readonly keepMs: number;
  private readonly everyMs: number;
  private readonly now: () => number;

  constructor(
    private readonly transactions: HousekeepingPort,
    options: HousekeepingOptions = {},
  ) {
    this.keepMs = options.keepTransactionsMs ?? 30 * DAY_MS;
    this.everyMs = options.everyMs ?? DAY_MS / 4;
    this.now = options.now ?? Date.now;
  }

  async runOnce(): Promise<number> {
    const forgotten = await this.transactions.forgetBefore(this.now() - this.keepMs);
    if (forgotten) log.info("forgot old transaction ids", { count: forgotten });
    return forgotten;
  }

  start(): void {
    const tick = () => void this.runOnce().catch((err) => log.warn("housekeeping failed", { error: describeError(err) }));
    tick();
    this.timer = setInterval(tick, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
