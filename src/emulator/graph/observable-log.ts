type Waiter = () => void;

/** An append-only list that tests can wait on ("until N entries match"). */
export class ObservableLog<T> {
  private readonly entries: T[] = [];
  private readonly waiters = new Set<Waiter>();

  add(entry: T): void {
    this.entries.push(entry);
    for (const waiter of [...this.waiters]) waiter();
  }

  list(predicate: (entry: T) => boolean = () => true): T[] {
    return this.entries.filter(predicate);
  }

  clear(): void {
    this.entries.length = 0;
  }

  waitFor(predicate: (entry: T) => boolean, count: number, timeoutMs: number, describe: (matching: T[]) => string): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = () => {
        const matching = this.list(predicate);
        if (matching.length < count) return;
        finish();
        resolve(matching);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(describe(this.list(predicate))));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
