import type { Config } from "../config/schema";
import type { PortalService } from "../core/portals/portal-service";
import { describeError, getLogger } from "../logging/logger";
import type { RoomEvent } from "../matrix/appservice/transaction-body";
import type { DeviceData } from "../matrix/appservice/transaction-intake";
import type { BridgeGateway } from "../matrix/bridge-gateway";
import { createCryptoEngine, MissingRoomKeyError, type CryptoEngine } from "../matrix/crypto";
import { EncryptedEvents } from "../matrix/events/encrypted-events";
import type { MatrixEventHandlerOptions } from "../matrix/events/matrix-event-handler";
import type { Store } from "../store";

const log = getLogger("encryption");

/** The E2EE engine and the hooks that connect it to the rest of the bridge. */
export interface Encryption {
  engine: CryptoEngine;
  /** for the Matrix event handler */
  eventHooks: Pick<MatrixEventHandlerOptions, "encrypted" | "observeMembership" | "observeEncryption" | "observeHistoryVisibility">;
  handleToDevice(event: unknown): Promise<void>;
  handleDeviceData(data: DeviceData): void;
}

/** Starts the engine when encryption is enabled, and makes the gateway encrypt into encrypted rooms. */
export async function setUpEncryption(config: Config, store: Store, gateway: BridgeGateway, portals: PortalService): Promise<Encryption | undefined> {
  if (!config.encryption.enabled) return undefined;
  const engine = await createCryptoEngine({
    store,
    client: gateway.homeserver,
    botUserId: gateway.botUserId,
    pickleKey: config.encryption.pickle_key,
    isOurUser: (userId) => gateway.isBridgeUser(userId),
    ensureRegistered: (userId) => (userId === gateway.botUserId ? Promise.resolve() : gateway.registerUser(userId)),
  });
  gateway.useEncryption({
    isRoomEncrypted: (roomId) => engine.isRoomEncrypted(roomId),
    encryptRoomEvent: (sender, roomId, type, content) => engine.encryptRoomEvent(sender, roomId, type, content),
    decryptRoomEvent: (event) => engine.decryptRoomEvent(event as RoomEvent),
    setRoomEncryption: (roomId, content) => engine.setRoomEncryption(roomId, content),
  });
  const decryptor = {
    decryptRoomEvent: (event: RoomEvent) => engine.decryptRoomEvent(event),
    isMissingKey: (error: unknown) => error instanceof MissingRoomKeyError,
    requestRoomKey: (error: unknown) => engine.requestRoomKey(error as MissingRoomKeyError),
  };
  return {
    engine,
    eventHooks: {
      encrypted: new EncryptedEvents(decryptor, config.encryption.key_wait_ms),
      observeMembership: (roomId, userId, membership) => engine.handleMembership(roomId, userId, membership),
      observeEncryption: async (roomId, content) => {
        await engine.setRoomEncryption(roomId, content);
        await portals.markEncrypted(roomId);
      },
      observeHistoryVisibility: (roomId, visibility) => engine.handleHistoryVisibility(roomId, visibility),
    },
    handleToDevice: (event) => engine.handleToDevice([event as Parameters<CryptoEngine["handleToDevice"]>[0][number]]),
    handleDeviceData: (data) => {
      void (async () => {
        await engine.handleDeviceLists(data.deviceLists.changed, data.deviceLists.left);
        await engine.handleKeyCounts(data.oneTimeKeyCounts, data.unusedFallbackKeyTypes);
      })().catch((err) => log.warn("device data from a transaction could not be handled", { error: describeError(err) }));
    },
  };
}
