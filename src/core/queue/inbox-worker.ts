import { describeError, getLogger } from "../../logging/logger";
import type { InboxItem } from "../../store/records";
import { KeyedSerialQueue } from "./keyed-serial-queue";

const log = getLogger("inbox");

/** The part of the store the worker needs. */
export interface InboxPort {
  listDue(now: number, limit: number): Promise<InboxItem[]>;
  complete(id: number): Promise<void>;
  retryLater(id: number, error: string, nextAttemptAt: number): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
}

/**
 * Thrown by a handler that is waiting for something that will come (e.g. a room key): tried again
 * after `delayMs`, not counted against the attempt limit (the handler bounds its own wait).
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}

export type InboxHandler = (payload: unknown, item: InboxItem) => Promise<void>;

/** Thrown by a handler when retrying cannot help (bad data): the item is kept as failed at once. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentFailure";
  }
}

export interface InboxWorkerOptions {
  maxAttempts?: number;
  /** delay before the first retry; doubles each attempt */
  retryBaseMs?: number;
  /** how often due retries are looked for when nothing wakes the worker */
  pollMs?: number;
  batchSize?: number;
  now?: () => number;
}

/**
 * Processes what was persisted before it was acknowledged (appservice transactions, webhooks):
 * in arrival order per queue key, deleting each item once handled, retrying failures with
 * backoff, and picking up whatever a previous run left unfinished.
 */
export class InboxWorker {
  private readonly handlers = new Map<string, InboxHandler>();
  private readonly queue = new KeyedSerialQueue();
  private readonly inFlight = new Set<number>();
  private readonly opts: Required<InboxWorkerOptions>;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private stopped = true;

  constructor(
    private readonly inbox: InboxPort,
    options: InboxWorkerOptions = {},
  ) {
    this.opts = { maxAttempts: 8, retryBaseMs: 1000, pollMs: 1000, batchSize: 100, now: Date.now, ...options };
  }

  handle(kind: string, handler: InboxHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    this.stopped = false;
    this.schedulePoll();
    this.wake();
  }

  /** Stops taking new items and waits for the ones under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
    await this.queue.idle();
  }

  /** Call after something was added to the inbox. */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      if (this.pumpAgain) {
        this.pumpAgain = false;
        this.wake();
      }
    });
  }

  /** Resolves when everything due now has been handled (for tests and shutdown). */
  async drain(): Promise<void> {
    do {
      await this.pumping;
      await this.queue.idle();
    } while (this.pumping);
  }

  private schedulePoll(): void {
    this.timer = setTimeout(() => {
      this.wake();
      if (!this.stopped) this.schedulePoll();
    }, this.opts.pollMs);
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const due = (await this.inbox.listDue(this.opts.now(), this.opts.batchSize)).filter((i) => !this.inFlight.has(i.id));
        if (!due.length || this.stopped) return;
        for (const item of due) this.dispatch(item);
        if (due.length < this.opts.batchSize) return;
        await this.queue.idle();
      }
    } catch (err) {
      log.error("reading the inbox failed; retrying on the next poll", { error: describeError(err) });
    }
  }

  private dispatch(item: InboxItem): void {
    this.inFlight.add(item.id);
    void this.queue
      .run(item.queueKey, () => this.process(item))
      .catch((err) => log.error("recording an inbox outcome failed", { id: item.id, error: describeError(err) }))
      .finally(() => this.inFlight.delete(item.id));
  }

  private async process(item: InboxItem): Promise<void> {
    const handler = this.handlers.get(item.kind);
    if (!handler) {
      await this.inbox.markFailed(item.id, `no handler for ${item.kind}`);
      log.error("no handler for an inbox item; kept as failed", { id: item.id, kind: item.kind });
      return;
    }
    try {
      await handler(item.payload, item);
      await this.inbox.complete(item.id);
    } catch (err) {
      if (err instanceof RetryLater) {
        await this.inbox.retryLater(item.id, err.message, this.opts.now() + err.delayMs);
        log.debug("inbox item waits", { id: item.id, kind: item.kind, retryInMs: err.delayMs, reason: err.message });
        return;
      }
      const attempts = item.attempts + 1;
      const error = describeError(err);
      if (err instanceof PermanentFailure || attempts >= this.opts.maxAttempts) {
        await this.inbox.markFailed(item.id, error);
        log.error("giving up on an inbox item", { id: item.id, kind: item.kind, attempts, error });
        return;
      }
      const delay = this.opts.retryBaseMs * 2 ** (attempts - 1);
      await this.inbox.retryLater(item.id, error, this.opts.now() + delay);
      log.warn("inbox item failed; will retry", { id: item.id, kind: item.kind, attempts, retryInMs: delay, error });
    }
  }
}
