import { getLogger, describeError } from "../../../logging/logger";
import type { CryptoAccountRecord } from "../../../store";
import type { CryptoContext } from "../context";
import type { DeviceTracker } from "../devices/device-tracker";
import type { OwnDevices } from "../devices/own-devices";
import type { OlmEncryptor } from "./olm-encryptor";
import { sendToDevice } from "./to-device";

const log = getLogger("crypto.olm");
/** A broken session with one device is replaced at most this often. */
export const UNWEDGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * When a device sends us Olm messages no session of ours decrypts (it holds a session we lost),
 * start a new session with it and send an m.dummy, so its next messages use the new one.
 */
export class Unwedger {
  private readonly lastAttempt = new Map<string, number>();

  constructor(
    private readonly ctx: CryptoContext,
    private readonly devices: OwnDevices,
    private readonly tracker: DeviceTracker,
    private readonly olm: OlmEncryptor,
  ) {}

  /** Starts the repair in the background (the caller may hold the device's lock). */
  schedule(own: CryptoAccountRecord, sender: string, senderKey: string): void {
    const key = `${own.userId}|${own.deviceId}|${senderKey}`;
    const now = this.ctx.now();
    const last = this.lastAttempt.get(key);
    if (last !== undefined && now - last < UNWEDGE_INTERVAL_MS) return;
    this.lastAttempt.set(key, now);
    void this.repair(own, sender, senderKey).catch((err) =>
      log.warn("could not replace a broken Olm session", { user: own.userId, sender, error: describeError(err) }),
    );
  }

  private async repair(own: CryptoAccountRecord, sender: string, senderKey: string): Promise<void> {
    const device = await this.tracker.findByCurveKey(sender, senderKey);
    if (!device) return;
    const ownDevice = await this.devices.ensure(own.userId);
    if (ownDevice.deviceId !== own.deviceId) return;
    const { messages } = await this.olm.encrypt(ownDevice, [device], () => ({ type: "m.dummy", content: {} }), { newSessions: true });
    await sendToDevice(this.ctx, ownDevice, "m.room.encrypted", messages);
    log.info("replaced a broken Olm session", { user: own.userId, sender, device: device.deviceId });
  }
}
