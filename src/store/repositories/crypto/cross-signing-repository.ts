import type { CrossSigningRecord } from "../../crypto-records";
import { CryptoCrossSigningEntity } from "../../entities/crypto/crypto-cross-signing.entity";
import type { StoreExecutor } from "../../store-executor";

/** Our users' cross-signing keys. */
export class CrossSigningRepository {
  constructor(private readonly executor: StoreExecutor) {}

  get(userId: string): Promise<CrossSigningRecord | null> {
    return this.executor.run((manager) => manager.findOneBy(CryptoCrossSigningEntity, { userId }));
  }

  insert(record: CrossSigningRecord): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.createQueryBuilder().insert().into(CryptoCrossSigningEntity).values(record).updateEntity(false).execute();
    });
  }

  markUploaded(userId: string): Promise<void> {
    return this.executor.run(async (manager) => {
      await manager.update(CryptoCrossSigningEntity, { userId }, { uploaded: true });
    });
  }
}
