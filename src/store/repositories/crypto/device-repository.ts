import { In } from "typeorm";
import type { DeviceKeysRecord } from "../../crypto-records";
import type { JsonObject } from "../../records";
import type { CryptoDeviceRow } from "../../entities/crypto/crypto-device.entity";
import { CryptoDeviceEntity } from "../../entities/crypto/crypto-device.entity";
import type { StoreExecutor } from "../../store-executor";
import { chunks } from "./chunks";

/** Other users' verified device keys. */
export class DeviceRepository {
  constructor(private readonly executor: StoreExecutor) {}

  listForUsers(userIds: readonly string[]): Promise<DeviceKeysRecord[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.executor.run(async (manager) => {
      const found: DeviceKeysRecord[] = [];
      for (const part of chunks([...new Set(userIds)])) {
        found.push(...(await manager.findBy(CryptoDeviceEntity, { userId: In(part) })).map(toRecord));
      }
      return found;
    });
  }

  findByCurveKey(userId: string, curve25519Key: string): Promise<DeviceKeysRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(CryptoDeviceEntity, { userId, curve25519Key });
      return row ? toRecord(row) : null;
    });
  }

  /** Makes `devices` the user's whole device list. */
  replaceForUser(userId: string, devices: readonly DeviceKeysRecord[]): Promise<void> {
    return this.executor.transaction(async (manager) => {
      await manager.delete(CryptoDeviceEntity, { userId });
      for (const part of chunks(devices.map(toRow), 100)) {
        await manager.createQueryBuilder().insert().into(CryptoDeviceEntity).values(part).updateEntity(false).execute();
      }
    });
  }
}

function toRecord(row: CryptoDeviceRow): DeviceKeysRecord {
  const { keysJson, ...rest } = row;
  return { ...rest, keys: JSON.parse(keysJson) as JsonObject };
}

function toRow(record: DeviceKeysRecord): CryptoDeviceRow {
  const { keys, ...rest } = record;
  return { ...rest, keysJson: JSON.stringify(keys) };
}
