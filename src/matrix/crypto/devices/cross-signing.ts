import { getLogger } from "../../../logging/logger";
import type { CrossSigningRecord } from "../../../store";
import type { CryptoContext } from "../context";
import { CryptoError } from "../errors";
import { crossSigningKeyId, signingPayload, unsignedCopy, withSignature } from "../keys/signing";
import { type Ed25519Signer, freeAll } from "../olm";
import type { CrossSigningKeyJson, DeviceKeysJson } from "../types";

const log = getLogger("crypto.cross-signing");

type Usage = "master" | "self_signing" | "user_signing";
const seedLabel = (userId: string, usage: Usage): string => `${userId}|${usage}`;

interface Signers {
  master: Ed25519Signer;
  selfSigning: Ed25519Signer;
  userSigning: Ed25519Signer;
}

/** The public cross-signing key objects of a user, as /keys/device_signing/upload takes them. */
export function crossSigningKeys(userId: string, signers: Signers): Record<string, CrossSigningKeyJson> {
  const key = (usage: Usage, signer: Ed25519Signer): CrossSigningKeyJson => ({
    user_id: userId,
    usage: [usage],
    keys: { [crossSigningKeyId(signer.publicKey)]: signer.publicKey },
  });
  const byMaster = (object: CrossSigningKeyJson) =>
    withSignature(object, userId, crossSigningKeyId(signers.master.publicKey), (payload) => signers.master.sign(payload));
  return {
    master_key: key("master", signers.master),
    self_signing_key: byMaster(key("self_signing", signers.selfSigning)),
    user_signing_key: byMaster(key("user_signing", signers.userSigning)),
  };
}

/**
 * Each of our users gets master, self-signing and user-signing keys, kept (seeds encrypted) in the
 * store; the user's device is signed by the self-signing key, which is what makes clients show no
 * warning on its messages. Synapse lets appservices upload these without user-interactive auth.
 */
export class CrossSigning {
  constructor(private readonly ctx: CryptoContext) {}

  /** Makes sure the user's keys exist and are uploaded; returns the device keys with the self-signing signature added. */
  async signDevice(deviceKeys: DeviceKeysJson): Promise<DeviceKeysJson> {
    const userId = deviceKeys.user_id;
    const record = (await this.ctx.store.crossSigning.get(userId)) ?? (await this.create(userId));
    const signers = this.open(record);
    try {
      if (!record.uploaded) {
        await this.ctx.client.request("POST", "/_matrix/client/v3/keys/device_signing/upload", {
          userId,
          body: crossSigningKeys(userId, signers),
        });
        await this.ctx.store.crossSigning.markUploaded(userId);
        log.info("cross-signing keys uploaded", { user: userId });
      }
      const sskId = crossSigningKeyId(signers.selfSigning.publicKey);
      const signature = signers.selfSigning.sign(signingPayload(deviceKeys));
      const existing = deviceKeys.signatures ?? {};
      return { ...deviceKeys, signatures: { ...existing, [userId]: { ...(existing[userId] ?? {}), [sskId]: signature } } };
    } finally {
      freeAll(Object.values(signers));
    }
  }

  /** Publishes the self-signing signature of device keys `signDevice` returned, with /keys/signatures/upload. */
  async uploadDeviceSignature(signedDeviceKeys: DeviceKeysJson): Promise<void> {
    const userId = signedDeviceKeys.user_id;
    const record = await this.ctx.store.crossSigning.get(userId);
    if (!record) throw new CryptoError(`${userId} has no cross-signing keys`);
    const sskId = crossSigningKeyId(record.selfSigningKey);
    const signature = signedDeviceKeys.signatures?.[userId]?.[sskId];
    if (!signature) throw new CryptoError(`${userId}'s device ${signedDeviceKeys.device_id} is not signed by its self-signing key`);
    const deviceId = signedDeviceKeys.device_id;
    const body = { [userId]: { [deviceId]: { ...unsignedCopy(signedDeviceKeys), signatures: { [userId]: { [sskId]: signature } } } } };
    const response = await this.ctx.client.request<{ failures?: Record<string, unknown> }>("POST", "/_matrix/client/v3/keys/signatures/upload", {
      userId,
      body,
    });
    if (response.failures && Object.keys(response.failures).length) {
      throw new CryptoError(`the homeserver refused the cross-signing signature of ${userId}'s device ${deviceId}`);
    }
  }

  private async create(userId: string): Promise<CrossSigningRecord> {
    const seeds = {
      master: this.ctx.olm.generateSigningSeed(),
      self_signing: this.ctx.olm.generateSigningSeed(),
      user_signing: this.ctx.olm.generateSigningSeed(),
    };
    const publicKey = (seed: Uint8Array) => {
      const signer = this.ctx.olm.signerFromSeed(seed);
      try {
        return signer.publicKey;
      } finally {
        signer.free();
      }
    };
    const record: CrossSigningRecord = {
      userId,
      masterKey: publicKey(seeds.master),
      selfSigningKey: publicKey(seeds.self_signing),
      userSigningKey: publicKey(seeds.user_signing),
      masterSeed: this.ctx.seeds.seal(seeds.master, seedLabel(userId, "master")),
      selfSigningSeed: this.ctx.seeds.seal(seeds.self_signing, seedLabel(userId, "self_signing")),
      userSigningSeed: this.ctx.seeds.seal(seeds.user_signing, seedLabel(userId, "user_signing")),
      uploaded: false,
      createdAt: this.ctx.now(),
    };
    for (const seed of Object.values(seeds)) seed.fill(0);
    await this.ctx.store.crossSigning.insert(record);
    return record;
  }

  private open(record: CrossSigningRecord): Signers {
    const signer = (sealed: string, usage: Usage, expected: string): Ed25519Signer => {
      const seed = this.ctx.seeds.open(sealed, seedLabel(record.userId, usage));
      const result = this.ctx.olm.signerFromSeed(seed);
      seed.fill(0);
      if (result.publicKey !== expected) {
        result.free();
        throw new CryptoError(`the stored ${usage} key of ${record.userId} does not match its public key`);
      }
      return result;
    };
    const master = signer(record.masterSeed, "master", record.masterKey);
    try {
      const selfSigning = signer(record.selfSigningSeed, "self_signing", record.selfSigningKey);
      try {
        return { master, selfSigning, userSigning: signer(record.userSigningSeed, "user_signing", record.userSigningKey) };
      } catch (err) {
        selfSigning.free();
        throw err;
      }
    } catch (err) {
      master.free();
      throw err;
    }
  }
}
