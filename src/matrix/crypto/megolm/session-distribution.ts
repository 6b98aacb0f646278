import type { DeviceKeysRecord, GroupShareRecord, OutboundGroupSessionRecord } from "../../../store";
import type { CryptoContext } from "../context";
import type { MegolmOutboundSession } from "../olm";
import { readsWholeHistory } from "../rooms/history-access";
import type { RoomMembers } from "../rooms/room-members";
import type { RoomSettings } from "../rooms/room-settings";
import type { OwnDevice } from "../types";
import { openInitialKey } from "./initial-keys";
import type { RoomKeySharing, SessionToShare } from "./room-key-sharing";
import { addressKey } from "./rotation";

/**
 * Gives an outbound session to devices: from index 0 to devices of joined members when the room's
 * history is "shared" or "world_readable" (they may read what was sent before), otherwise, or when
 * the session's initial key was not kept, from the current index. The caller holds the session's
 * room lock.
 */
export class SessionDistribution {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly settings: RoomSettings,
    private readonly members: RoomMembers,
    private readonly sharing: RoomKeySharing,
  ) {}

  /** Shares the session with those of `devices` that have not had it (nor been told it is withheld). */
  async shareWithMissing(
    own: OwnDevice,
    record: OutboundGroupSessionRecord,
    session: MegolmOutboundSession,
    devices: readonly DeviceKeysRecord[],
    shares: readonly GroupShareRecord[],
  ): Promise<void> {
    const holders = new Set(shares.map(addressKey));
    const missing = devices.filter((device) => !holders.has(addressKey(device)));
    if (!missing.length) return;
    const current: SessionToShare = {
      roomId: record.roomId,
      sessionId: record.sessionId,
      sessionKey: session.sessionKey(),
      messageIndex: session.messageIndex(),
    };
    const fromStart = current.messageIndex === 0 ? [] : await this.mayReadHistory(own, record, missing);
    const initialKey = fromStart.length ? openInitialKey(this.ctx.seeds, record) : null;
    const early = new Set((initialKey ? fromStart : []).map(addressKey));
    const given = [
      ...(initialKey ? await this.sharing.share(own, { ...current, sessionKey: initialKey, messageIndex: 0 }, fromStart) : []),
      ...(await this.sharing.share(own, current, missing.filter((device) => !early.has(addressKey(device))))),
    ];
    await this.ctx.store.outboundGroupSessions.addShares(given);
  }

  /**
   * Shares the session again from index 0 with those of `devices` that hold it from a later index
   * but may now read the whole history (their user joined): clients keep the earlier copy.
   */
  async shareFromStart(
    own: OwnDevice,
    record: OutboundGroupSessionRecord,
    devices: readonly DeviceKeysRecord[],
    shares: readonly GroupShareRecord[],
  ): Promise<void> {
    const later = new Set(shares.filter((share) => share.withheld === null && share.messageIndex > 0).map(addressKey));
    const holdingLater = devices.filter((device) => later.has(addressKey(device)));
    if (!holdingLater.length) return;
    const fromStart = await this.mayReadHistory(own, record, holdingLater);
    const initialKey = fromStart.length ? openInitialKey(this.ctx.seeds, record) : null;
    if (!initialKey) return;
    const session = { roomId: record.roomId, sessionId: record.sessionId, sessionKey: initialKey, messageIndex: 0 };
    const given = await this.sharing.share(own, session, fromStart);
    // A device that cannot be reached now still holds the later index: keep that on record.
    await this.ctx.store.outboundGroupSessions.addShares(given.filter((share) => share.withheld === null));
  }

  /** Those of `devices` that may get the session from index 0. */
  private async mayReadHistory(own: OwnDevice, record: OutboundGroupSessionRecord, devices: readonly DeviceKeysRecord[]): Promise<DeviceKeysRecord[]> {
    if (record.initialKey === null) return [];
    const visibility = await this.settings.historyVisibility(record.roomId, own.userId);
    const allowed: DeviceKeysRecord[] = [];
    for (const device of devices) {
      if (readsWholeHistory(visibility, await this.members.membership(record.roomId, device.userId, own.userId))) allowed.push(device);
    }
    return allowed;
  }
}
