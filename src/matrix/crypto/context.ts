import type { CryptoStore } from "../../store";
import type { HomeserverClient } from "../homeserver-client";
import type { KeyedMutex } from "./keyed-mutex";
import type { SeedCipher } from "./keys/seed-cipher";
import type { CryptoPrimitives } from "./olm";

/** What every part of the engine works with. */
export interface CryptoContext {
  readonly store: CryptoStore;
  readonly client: HomeserverClient;
  readonly olm: CryptoPrimitives;
  /** libolm pickles are encrypted with it */
  readonly pickleKey: string;
  readonly seeds: SeedCipher;
  readonly botUserId: string;
  isOurUser(userId: string): boolean;
  ensureRegistered(userId: string): Promise<void>;
  now(): number;
  /**
   * One lock per key: `device:<user id>` guards that user's account and Olm sessions;
   * `room:<room id>|<user id>` that user's outbound Megolm session in the room.
   */
  readonly locks: KeyedMutex;
}

export const deviceLock = (userId: string): string => `device:${userId}`;
export const roomLock = (roomId: string, userId: string): string => `room:${roomId}|${userId}`;
