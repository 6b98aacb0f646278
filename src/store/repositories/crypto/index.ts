import type { StoreExecutor } from "../../store-executor";
import { CryptoAccountRepository } from "./account-repository";
import { CrossSigningRepository } from "./cross-signing-repository";
import { DeviceRepository } from "./device-repository";
import { InboundGroupSessionRepository } from "./inbound-group-session-repository";
import { OlmSessionRepository } from "./olm-session-repository";
import { OutboundGroupSessionRepository } from "./outbound-group-session-repository";
import { RoomEncryptionRepository } from "./room-encryption-repository";
import { SeenIndexRepository } from "./seen-index-repository";
import { TrackedUserRepository } from "./tracked-user-repository";

export type { CryptoAccountChanges } from "./account-repository";
export type { OutboundSessionKey } from "./outbound-group-session-repository";
export {
  CryptoAccountRepository,
  CrossSigningRepository,
  DeviceRepository,
  InboundGroupSessionRepository,
  OlmSessionRepository,
  OutboundGroupSessionRepository,
  RoomEncryptionRepository,
  SeenIndexRepository,
  TrackedUserRepository,
};

/** The end-to-end encryption engine's tables. */
export interface CryptoStore {
  readonly accounts: CryptoAccountRepository;
  readonly olmSessions: OlmSessionRepository;
  readonly outboundGroupSessions: OutboundGroupSessionRepository;
  readonly inboundGroupSessions: InboundGroupSessionRepository;
  readonly seenIndexes: SeenIndexRepository;
  readonly devices: DeviceRepository;
  readonly trackedUsers: TrackedUserRepository;
  readonly crossSigning: CrossSigningRepository;
  readonly rooms: RoomEncryptionRepository;
}

export function createCryptoStore(executor: StoreExecutor): CryptoStore {
  return {
    accounts: new CryptoAccountRepository(executor),
    olmSessions: new OlmSessionRepository(executor),
    outboundGroupSessions: new OutboundGroupSessionRepository(executor),
    inboundGroupSessions: new InboundGroupSessionRepository(executor),
    seenIndexes: new SeenIndexRepository(executor),
    devices: new DeviceRepository(executor),
    trackedUsers: new TrackedUserRepository(executor),
    crossSigning: new CrossSigningRepository(executor),
    rooms: new RoomEncryptionRepository(executor),
  };
}
