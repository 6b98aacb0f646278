import { randomInt } from "node:crypto";
import { getLogger } from "../../../logging/logger";
import type { CryptoAccountKey, CryptoAccountRecord } from "../../../store";
import { type CryptoContext, deviceLock } from "../context";
import { using } from "../olm";
import type { OwnDevice } from "../types";
import { CrossSigning } from "./cross-signing";
import { selfSignedDeviceKeys } from "./device-keys";
import type { KeyMaintenance } from "./key-maintenance";
import { devicePath } from "./one-time-keys";

const log = getLogger("crypto.devices");
const DEVICE_DISPLAY_NAME = "Switchboard bridge";
const DEVICE_ID_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function newDeviceId(): string {
  let id = "SB";
  for (let i = 0; i < 8; i++) id += DEVICE_ID_LETTERS[randomInt(DEVICE_ID_LETTERS.length)];
  return id;
}

/**
 * The devices of our users (the bot and ghosts), created on first need: a libolm account, the
 * device on the homeserver (MSC4190, no login), its keys uploaded, and the device signed by its
 * user's self-signing key. Each step is recorded, so an interrupted setup resumes where it stopped.
 */
export class OwnDevices {
  private readonly ready = new Map<string, OwnDevice>();
  private readonly crossSigning: CrossSigning;

  constructor(
    private readonly ctx: CryptoContext,
    private readonly keys: KeyMaintenance,
  ) {
    this.crossSigning = new CrossSigning(ctx);
  }

  async ensure(userId: string): Promise<OwnDevice> {
    const cached = this.ready.get(userId);
    if (cached) return cached;
    return this.ctx.locks.run(deviceLock(userId), async () => {
      const again = this.ready.get(userId);
      if (again) return again;
      const device = await this.setUp(userId);
      this.ready.set(userId, device);
      return device;
    });
  }

  /** The account of one of our devices, if that device is ours. */
  account(key: CryptoAccountKey): Promise<CryptoAccountRecord | null> {
    return this.ctx.store.accounts.get(key);
  }

  private async setUp(userId: string): Promise<OwnDevice> {
    let record = (await this.ctx.store.accounts.findForUser(userId)) ?? (await this.createAccount(userId));
    const key = { userId, deviceId: record.deviceId };
    if (!record.deviceCreated) {
      await this.ctx.ensureRegistered(userId);
      await this.ctx.client.request("PUT", devicePath(record.deviceId), { userId, body: { display_name: DEVICE_DISPLAY_NAME } });
      await this.ctx.store.accounts.update(key, { deviceCreated: true, updatedAt: this.ctx.now() });
      log.info("device created", { user: userId, device: record.deviceId });
    }
    const deviceKeys = await using(this.ctx.olm.unpickleAccount(this.ctx.pickleKey, record.pickle), (account) =>
      selfSignedDeviceKeys(record, (payload) => account.sign(payload)),
    );
    // Cross-signing keys go up before the device keys, and the device keys already carry the
    // self-signing signature: clients never see the device unsigned, not even for a moment.
    const signedDeviceKeys = await this.crossSigning.signDevice(deviceKeys);
    if (!record.keysUploaded) {
      await this.keys.uploadInitialKeys(record, signedDeviceKeys);
      record = (await this.ctx.store.accounts.get(key)) ?? record;
    }
    if (!record.crossSigned) {
      await this.crossSigning.uploadDeviceSignature(signedDeviceKeys);
      await this.ctx.store.accounts.update(key, { crossSigned: true, updatedAt: this.ctx.now() });
      log.info("device cross-signed", { user: userId, device: record.deviceId });
    }
    return { userId, deviceId: record.deviceId, curve25519Key: record.curve25519Key, ed25519Key: record.ed25519Key, signedDeviceKeys };
  }

  private async createAccount(userId: string): Promise<CryptoAccountRecord> {
    const now = this.ctx.now();
    const record = await using(this.ctx.olm.createAccount(), (account): CryptoAccountRecord => {
      const identity = account.identityKeys();
      return {
        userId,
        deviceId: newDeviceId(),
        pickle: account.pickle(this.ctx.pickleKey),
        curve25519Key: identity.curve25519,
        ed25519Key: identity.ed25519,
        deviceCreated: false,
        keysUploaded: false,
        crossSigned: false,
        serverOtkCount: 0,
        fallbackRotatedAt: null,
        createdAt: now,
        updatedAt: now,
      };
    });
    await this.ctx.store.accounts.insert(record);
    return record;
  }
}
