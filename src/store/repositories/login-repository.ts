import type { LoginRow } from "../entities/login.entity";
import { LoginEntity } from "../entities/login.entity";
import type { JsonObject, LoginKey, LoginRecord } from "../records";
import type { StoreExecutor } from "../store-executor";

/** A whole login; `createdAt` defaults to now for a new login. */
export type LoginUpsert = Omit<LoginRecord, "createdAt"> & { createdAt?: number };

export class LoginRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: LoginKey): Promise<LoginRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(LoginEntity, { network: key.network, loginId: key.loginId });
      return row ? toRecord(row) : null;
    });
  }

  listByNetwork(network: string): Promise<LoginRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(LoginEntity, { where: { network }, order: { loginId: "ASC" } });
      return rows.map(toRecord);
    });
  }

  /** Inserts or replaces a login; an existing login keeps its `createdAt`. */
  upsert(login: LoginUpsert): Promise<LoginRecord> {
    const row: LoginRow = {
      network: login.network,
      loginId: login.loginId,
      displayName: login.displayName,
      metadata: JSON.stringify(login.metadata),
      createdAt: login.createdAt ?? this.clock(),
    };
    return this.executor.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(LoginEntity)
        .values(row)
        .orUpdate(["display_name", "metadata"], ["network", "login_id"])
        .updateEntity(false)
        .execute();
      const stored = await manager.findOneByOrFail(LoginEntity, { network: row.network, loginId: row.loginId });
      return toRecord(stored);
    });
  }

  /** Returns whether a login was deleted. */
  delete(key: LoginKey): Promise<boolean> {
    return this.executor.run(async (manager) => {
      const result = await manager.delete(LoginEntity, { network: key.network, loginId: key.loginId });
      return (result.affected ?? 0) > 0;
    });
  }
}

function toRecord(row: LoginRow): LoginRecord {
  return {
    network: row.network,
    loginId: row.loginId,
    displayName: row.displayName,
    metadata: JSON.parse(row.metadata) as JsonObject,
    createdAt: row.createdAt,
  };
}
