import type { CryptoAccountKey, CryptoAccountRecord } from "../../crypto-records";
import { CryptoAccountEntity } from "../../entities/crypto/crypto-account.entity";
import type { StoreExecutor } from "../../store-executor";

export type CryptoAccountChanges = Partial<Omit<CryptoAccountRecord, "userId" | "deviceId" | "createdAt">>;

/** Our users' devices: libolm accounts (pickled) and their setup and key-upload bookkeeping. */
export class CryptoAccountRepository {
  constructor(private readonly executor: StoreExecutor) {}

  get(key: CryptoAccountKey): Promise<CryptoAccountRecord | null> {
    return this.executor.run((manager) => manager.findOneBy(CryptoAccountEntity, { userId: key.userId, deviceId: key.deviceId }));
  }

  /** The device of one of our users (the oldest, should there ever be several). */
  findForUser(userId: string): Promise<CryptoAccountRecord | null> {
    return this.executor.run((manager) => manager.findOne(CryptoAccountEntity, { where: { userId }, order: { createdAt: "ASC" } }));
  }

  insert(record: CryptoAccountRecord): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.createQueryBuilder().insert().into(CryptoAccountEntity).values(record).updateEntity(false).execute();
    });
  }

  update(key: CryptoAccountKey, changes: CryptoAccountChanges): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.update(CryptoAccountEntity, { userId: key.userId, deviceId: key.deviceId }, changes);
    });
  }
}
