import type { DataSource, EntityManager } from "typeorm";
import { AsyncMutex } from "./async-mutex";

/**
 * Runs the repositories' work against the DataSource.
 *
 * TypeORM's SQLite driver has a single connection shared by every caller: a transaction started
 * while another is open would nest inside it (as a savepoint), and plain queries would run inside
 * someone else's transaction and roll back with it. On SQLite every unit of work therefore runs
 * alone. PostgreSQL has a connection pool, so units run concurrently and each transaction gets
 * its own connection.
 *
 * A callback must not call back into the executor (on SQLite that would wait for itself).
 */
export class StoreExecutor {
  private readonly mutex: AsyncMutex | null;

  constructor(private readonly dataSource: DataSource) {
    this.mutex = dataSource.options.type === "sqlite" ? new AsyncMutex() : null;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.dataSource.transaction(work));
  }

  /** Waits for the work in progress, then closes the DataSource. */
  close(): Promise<void> {
    return this.exclusive(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex ? this.mutex.runExclusive(work) : work();
  }
}
