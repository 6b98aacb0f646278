import { CryptoAccountEntity } from "./crypto-account.entity";
import { CryptoCrossSigningEntity } from "./crypto-cross-signing.entity";
import { CryptoDeviceEntity } from "./crypto-device.entity";
import { CryptoGroupShareEntity } from "./crypto-group-share.entity";
import { CryptoInboundGroupSessionEntity } from "./crypto-inbound-group-session.entity";
import { CryptoOlmSessionEntity } from "./crypto-olm-session.entity";
import { CryptoOutboundGroupSessionEntity } from "./crypto-outbound-group-session.entity";
import { CryptoRoomEntity } from "./crypto-room.entity";
import { CryptoSeenIndexEntity } from "./crypto-seen-index.entity";
import { CryptoTrackedUserEntity } from "./crypto-tracked-user.entity";

/** The end-to-end encryption engine's tables; the crypto migrations create exactly these. */
export const cryptoEntities = [
  CryptoAccountEntity,
  CryptoOlmSessionEntity,
  CryptoOutboundGroupSessionEntity,
  CryptoGroupShareEntity,
  CryptoInboundGroupSessionEntity,
  CryptoDeviceEntity,
  CryptoTrackedUserEntity,
  CryptoCrossSigningEntity,
  CryptoSeenIndexEntity,
  CryptoRoomEntity,
];
