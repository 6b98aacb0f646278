/** Timers for follow-up work (status webhooks) that stop() can cancel all at once. */
export class TimerSet {
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = false;

  schedule(delayMs: number, task: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      task();
    }, delayMs);
    this.pending.add(timer);
  }

  cancelAll(): void {
    this.stopped = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
