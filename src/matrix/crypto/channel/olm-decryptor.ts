import type { ToDeviceEvent } from "../../appservice/transaction-body";
import type { CryptoAccountRecord, DeviceKeysRecord, JsonObject, OlmSessionRecord } from "../../../store";
import { OLM_ALGORITHM } from "../algorithms";
import { type CryptoContext, deviceLock } from "../context";
import type { DeviceTracker } from "../devices/device-tracker";
import { checkDeviceKeys } from "../devices/verify-device-keys";
import { CryptoError, DecryptionError } from "../errors";
import { freeAll, type OlmAccount, type OlmMessage, type OlmSession } from "../olm";
import { isObject, isString, type OlmPayload } from "../types";
import { checkOlmPayload } from "./olm-payload-check";

export interface DecryptedToDevice {
  own: CryptoAccountRecord;
  /** curve25519 key of the sending device (what Olm authenticated) */
  senderKey: string;
  senderDevice: DeviceKeysRecord;
  payload: OlmPayload;
}

export type WedgedSessionHandler = (own: CryptoAccountRecord, sender: string, senderKey: string) => void;

interface Decrypted {
  session: OlmSession;
  record: OlmSessionRecord | null;
  account: OlmAccount | null;
  plaintext: string;
}

/**
 * Decrypts Olm to-device messages for any of our devices. Sessions are matched by the sender's
 * curve25519 key; existing ones are tried first, and a new inbound session is created only for a
 * pre-key message that none of them decrypts. The sender's device must be known (from /keys/query,
 * or the signed device keys in the payload) and its ed25519 key must be the one the payload claims.
 *
 * The new session state is saved only once `handle` succeeded or the message proved bad for good:
 * after a transient failure (database, network) the same message can be decrypted again.
 */
export class OlmDecryptor {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly tracker: DeviceTracker,
    private readonly onWedged: WedgedSessionHandler,
  ) {}

  async decrypt(event: ToDeviceEvent, handle: (decrypted: DecryptedToDevice) => Promise<void>): Promise<void> {
    const { senderKey, ciphertext } = olmContent(event.content);
    const own = await this.ctx.store.accounts.get({ userId: event.to_user_id, deviceId: event.to_device_id });
    if (!own) throw new CryptoError(`${event.to_user_id}'s device ${event.to_device_id} is not one of ours`);
    const message = ciphertext[own.curve25519Key];
    if (!isObject(message) || (message.type !== 0 && message.type !== 1) || !isString(message.body)) {
      throw new DecryptionError("MALFORMED", `the Olm message has no ciphertext for ${own.userId}'s device ${own.deviceId}`);
    }
    const olmMessage: OlmMessage = { type: message.type, body: message.body };

    await this.ctx.locks.run(deviceLock(own.userId), async () => {
      // Read again under the lock: the account (its one-time keys) may have changed meanwhile.
      const current = (await this.ctx.store.accounts.get(own)) ?? own;
      const decrypted = await this.decryptWithSessions(current, event.sender, senderKey, olmMessage);
      try {
        try {
          const payload = checkOlmPayload(parseJson(decrypted.plaintext), event.sender, own);
          const senderDevice = await this.senderDevice(event.sender, senderKey, payload);
          await handle({ own, senderKey, senderDevice, payload });
        } catch (err) {
          // A message that will never be acceptable still moved the session on.
          if (err instanceof CryptoError) await this.save(own, senderKey, decrypted);
          throw err;
        }
        await this.save(own, senderKey, decrypted);
      } finally {
        freeAll([decrypted.session, decrypted.account]);
      }
    });
  }

  private async decryptWithSessions(own: CryptoAccountRecord, sender: string, senderKey: string, message: OlmMessage): Promise<Decrypted> {
    for (const record of await this.ctx.store.olmSessions.listFor(own, [senderKey])) {
      const session = this.ctx.olm.unpickleSession(this.ctx.pickleKey, record.pickle);
      try {
        if (message.type === 0 && !session.matchesInboundFrom(senderKey, message.body)) throw new Error("not this session");
        return { session, record, account: null, plaintext: session.decrypt(message) };
      } catch {
        session.free();
      }
    }
    if (message.type === 1) {
      this.onWedged(own, sender, senderKey);
      throw new DecryptionError("BAD_CIPHERTEXT", `no Olm session with ${sender}'s device decrypts the message`);
    }
    const account = this.ctx.olm.unpickleAccount(this.ctx.pickleKey, own.pickle);
    let session: OlmSession | null = null;
    try {
      session = this.ctx.olm.createInboundSession(account, senderKey, message.body);
      account.removeOneTimeKeys(session);
      return { session, record: null, account, plaintext: session.decrypt(message) };
    } catch (err) {
      freeAll([session, account]);
      throw new DecryptionError("BAD_CIPHERTEXT", `cannot start an Olm session from ${sender}'s pre-key message`, { cause: err });
    }
  }

  /** The sending device, known by its curve25519 key, whose ed25519 key must be the one the payload claims. */
  private async senderDevice(sender: string, senderKey: string, payload: OlmPayload): Promise<DeviceKeysRecord> {
    const device = (await this.tracker.findByCurveKey(sender, senderKey)) ?? this.deviceFromPayload(sender, senderKey, payload);
    if (!device) throw new DecryptionError("WRONG_SENDER", `${sender} has no known device with the key that sent the message`);
    if (device.ed25519Key !== payload.keys.ed25519) {
      throw new DecryptionError("WRONG_SENDER", `the Olm payload claims an ed25519 key that ${sender}'s device ${device.deviceId} does not have`);
    }
    return device;
  }

  /** MSC4147: the sender's self-signed device keys in the payload stand in for a device /keys/query does not list yet. */
  private deviceFromPayload(sender: string, senderKey: string, payload: OlmPayload): DeviceKeysRecord | null {
    const keys = payload.sender_device_keys;
    if (!isObject(keys) || !isString(keys.device_id)) return null;
    const check = checkDeviceKeys(keys, sender, keys.device_id, (key, msg, sig) => this.ctx.olm.verifyEd25519(key, msg, sig));
    if (!check.ok || check.curve25519Key !== senderKey) return null;
    return {
      userId: sender,
      deviceId: keys.device_id,
      curve25519Key: check.curve25519Key,
      ed25519Key: check.ed25519Key,
      keys: check.keys as JsonObject,
      updatedAt: this.ctx.now(),
    };
  }

  private async save(own: CryptoAccountRecord, senderKey: string, decrypted: Decrypted): Promise<void> {
    const now = this.ctx.now();
    const record: OlmSessionRecord = {
      userId: own.userId,
      deviceId: own.deviceId,
      theirKey: senderKey,
      sessionId: decrypted.session.sessionId(),
      pickle: decrypted.session.pickle(this.ctx.pickleKey),
      createdAt: decrypted.record?.createdAt ?? now,
      lastUsedAt: now,
    };
    if (decrypted.account) await this.ctx.store.olmSessions.saveWithAccount(record, decrypted.account.pickle(this.ctx.pickleKey), now);
    else await this.ctx.store.olmSessions.save([record]);
  }
}

function olmContent(content: JsonObject): { senderKey: string; ciphertext: JsonObject } {
  if (content.algorithm !== OLM_ALGORITHM) {
    throw new DecryptionError("UNSUPPORTED_ALGORITHM", `unsupported to-device algorithm ${String(content.algorithm)}`);
  }
  if (!isString(content.sender_key) || !isObject(content.ciphertext)) {
    throw new DecryptionError("MALFORMED", "the Olm message has no sender_key or ciphertext");
  }
  return { senderKey: content.sender_key, ciphertext: content.ciphertext };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DecryptionError("MALFORMED", "the Olm payload is not JSON", { cause: err });
  }
}
