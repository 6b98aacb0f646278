import type { DeviceKeysRecord, OlmSessionRecord } from "../../../store";
import { OLM_ALGORITHM } from "../algorithms";
import { type CryptoContext, deviceLock } from "../context";
import type { JsonObject } from "../keys/signing";
import { freeAll, type OlmAccount, type OlmSession } from "../olm";
import type { OlmPayload, OwnDevice } from "../types";
import { claimOneTimeKeys } from "./claim-one-time-keys";
import type { ToDeviceMessage } from "./to-device";

export interface OlmEncryptResult {
  /** m.room.encrypted to-device contents, one per reachable device */
  messages: ToDeviceMessage[];
  /** devices no Olm session could be set up with (no one-time key to claim) */
  unreachable: DeviceKeysRecord[];
}

/**
 * Encrypts to-device events from one of our devices to others over Olm: an existing session with a
 * device is reused (the most recently used one); otherwise a one-time key is claimed and a new
 * outbound session created.
 */
export class OlmEncryptor {
  constructor(private readonly ctx: CryptoContext) {}

  encrypt(
    own: OwnDevice,
    targets: readonly DeviceKeysRecord[],
    event: (target: DeviceKeysRecord) => { type: string; content: JsonObject },
    options: { newSessions?: boolean } = {},
  ): Promise<OlmEncryptResult> {
    return this.ctx.locks.run(deviceLock(own.userId), async () => {
      const existing = options.newSessions ? new Map<string, OlmSessionRecord>() : await this.latestSessions(own, targets);
      const needKeys = targets.filter((target) => !existing.has(target.curve25519Key));
      const claimed = await claimOneTimeKeys(this.ctx, own.userId, needKeys);
      const now = this.ctx.now();
      const messages: ToDeviceMessage[] = [];
      const unreachable: DeviceKeysRecord[] = [];
      const saved: OlmSessionRecord[] = [];
      let account: OlmAccount | null = null;
      try {
        for (const target of targets) {
          const record = existing.get(target.curve25519Key);
          const oneTimeKey = claimed.get(target);
          if (!record && !oneTimeKey) {
            unreachable.push(target);
            continue;
          }
          let session: OlmSession;
          if (record) {
            session = this.ctx.olm.unpickleSession(this.ctx.pickleKey, record.pickle);
          } else {
            account ??= this.ctx.olm.unpickleAccount(this.ctx.pickleKey, await this.accountPickle(own));
            session = this.ctx.olm.createOutboundSession(account, target.curve25519Key, oneTimeKey!);
          }
          try {
            const { type, content } = event(target);
            const message = session.encrypt(JSON.stringify(olmPayload(own, target, type, content)));
            messages.push({
              userId: target.userId,
              deviceId: target.deviceId,
              content: { algorithm: OLM_ALGORITHM, sender_key: own.curve25519Key, ciphertext: { [target.curve25519Key]: message } },
            });
            saved.push({
              userId: own.userId,
              deviceId: own.deviceId,
              theirKey: target.curve25519Key,
              sessionId: session.sessionId(),
              pickle: session.pickle(this.ctx.pickleKey),
              createdAt: record?.createdAt ?? now,
              lastUsedAt: now,
            });
          } finally {
            session.free();
          }
        }
      } finally {
        freeAll([account]);
      }
      await this.ctx.store.olmSessions.save(saved);
      return { messages, unreachable };
    });
  }

  private async latestSessions(own: OwnDevice, targets: readonly DeviceKeysRecord[]): Promise<Map<string, OlmSessionRecord>> {
    const sessions = await this.ctx.store.olmSessions.listFor(own, targets.map((target) => target.curve25519Key));
    const latest = new Map<string, OlmSessionRecord>();
    for (const session of sessions) if (!latest.has(session.theirKey)) latest.set(session.theirKey, session);
    return latest;
  }

  private async accountPickle(own: OwnDevice): Promise<string> {
    const record = await this.ctx.store.accounts.get(own);
    if (!record) throw new Error(`no account for ${own.userId}'s device ${own.deviceId}`);
    return record.pickle;
  }
}

/** The Olm plaintext: the event plus who sends it to whom, with the sender's signed device keys (MSC4147). */
export function olmPayload(own: OwnDevice, target: DeviceKeysRecord, type: string, content: JsonObject): OlmPayload {
  return {
    type,
    content,
    sender: own.userId,
    sender_device: own.deviceId,
    keys: { ed25519: own.ed25519Key },
    recipient: target.userId,
    recipient_keys: { ed25519: target.ed25519Key },
    sender_device_keys: own.signedDeviceKeys,
  };
}
