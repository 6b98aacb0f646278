import { describeError, getLogger } from "../../../logging/logger";
import { MatrixApiError } from "../../homeserver-client";
import type { OutboundGroupSessionRecord } from "../../../store";
import { type CryptoContext, roomLock } from "../context";
import type { DeviceTracker } from "../devices/device-tracker";
import type { OwnDevices } from "../devices/own-devices";
import { CryptoError } from "../errors";
import { using } from "../olm";
import type { RoomMembers } from "../rooms/room-members";
import { addressKey } from "./rotation";
import type { SessionDistribution } from "./session-distribution";

const log = getLogger("crypto.megolm");

/**
 * When other users' device lists change, gives our live outbound sessions in their rooms to their
 * devices that lack them right away, instead of before our next message: a new device can then read
 * what was already sent. Looks only at sessions in rooms the users are in, found from loaded member
 * lists and from the sessions their devices already hold; users in no encrypted room with us cost
 * no request. When a user joins, their devices get the room's live sessions too, from index 0 where
 * the history allows it, also those that had a later index while the user was invited.
 */
export class NewDeviceSharing {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly devices: OwnDevices,
    private readonly members: RoomMembers,
    private readonly tracker: DeviceTracker,
    private readonly distribution: SessionDistribution,
  ) {}

  async shareWithChanged(changedUserIds: readonly string[]): Promise<void> {
    const users = [...new Set(changedUserIds)].filter((userId) => !this.ctx.isOurUser(userId));
    if (!users.length) return;
    await this.shareEach(await this.candidates(users), users, false);
  }

  async shareWithJoined(roomId: string, userId: string): Promise<void> {
    if (this.ctx.isOurUser(userId)) return;
    await this.shareEach(await this.ctx.store.outboundGroupSessions.listForRooms([roomId]), [userId], true);
  }

  private async shareEach(sessions: readonly OutboundGroupSessionRecord[], users: readonly string[], fromStartAgain: boolean): Promise<void> {
    for (const session of sessions) {
      try {
        await this.share(session, users, fromStartAgain);
      } catch (err) {
        if (!isPermanent(err)) throw err;
        log.warn("could not share a room key with new devices", { room: session.roomId, user: session.userId, error: describeError(err) });
      }
    }
  }

  private async candidates(users: readonly string[]): Promise<OutboundGroupSessionRecord[]> {
    const store = this.ctx.store.outboundGroupSessions;
    const loadedRooms = this.members.loadedRoomsWith(users);
    const found = [...(loadedRooms.length ? await store.listForRooms(loadedRooms) : []), ...(await store.listSharedWithUsers(users))];
    return [...new Map(found.map((session) => [`${session.roomId}|${addressKey(session)}`, session])).values()];
  }

  private share(candidate: OutboundGroupSessionRecord, users: readonly string[], fromStartAgain: boolean): Promise<void> {
    const { roomId, userId } = candidate;
    return this.ctx.locks.run(roomLock(roomId, userId), async () => {
      // Read again under the lock: the session may have been rotated or discarded meanwhile.
      const record = await this.ctx.store.outboundGroupSessions.get(candidate);
      if (!record) return;
      const own = await this.devices.ensure(userId);
      if (own.deviceId !== record.deviceId) return;
      const recipients = new Set(await this.members.recipients(roomId, userId));
      const present = users.filter((user) => recipients.has(user));
      if (!present.length) return;
      const devices = await this.tracker.devicesOf(present);
      const shares = await this.ctx.store.outboundGroupSessions.listShares(record.sessionId);
      await using(this.ctx.olm.unpickleMegolmOutbound(this.ctx.pickleKey, record.pickle), (session) =>
        this.distribution.shareWithMissing(own, record, session, devices, shares),
      );
      if (fromStartAgain) await this.distribution.shareFromStart(own, record, devices, shares);
    });
  }
}

/** Failures retrying the transaction would not cure; the device then gets the key with our next message. */
function isPermanent(err: unknown): boolean {
  return err instanceof CryptoError || (err instanceof MatrixApiError && err.status >= 400 && err.status < 500 && err.status !== 429);
}
