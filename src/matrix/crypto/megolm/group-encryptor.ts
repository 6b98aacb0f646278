import { getLogger } from "../../../logging/logger";
import type { OutboundGroupSessionRecord } from "../../../store";
import { MEGOLM_ALGORITHM } from "../algorithms";
import { type CryptoContext, roomLock } from "../context";
import type { DeviceTracker } from "../devices/device-tracker";
import type { JsonObject } from "../keys/signing";
import { using } from "../olm";
import type { RoomMembers } from "../rooms/room-members";
import type { RoomSettings } from "../rooms/room-settings";
import type { OwnDevice } from "../types";
import { sealInitialKey } from "./initial-keys";
import { rotationByRecipients, rotationByUse } from "./rotation";
import type { SessionDistribution } from "./session-distribution";

const log = getLogger("crypto.megolm");

/**
 * Encrypts room events our users send: one outbound Megolm session per (room, sending device),
 * rotated per the room's settings and when a device that holds it is no longer a recipient; before
 * each message, every recipient device that does not have the session yet gets it (SessionDistribution).
 */
export class GroupEncryptor {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly settings: RoomSettings,
    private readonly members: RoomMembers,
    private readonly tracker: DeviceTracker,
    private readonly distribution: SessionDistribution,
  ) {}

  encrypt(own: OwnDevice, roomId: string, type: string, content: JsonObject): Promise<JsonObject> {
    return this.ctx.locks.run(roomLock(roomId, own.userId), async () => {
      const policy = await this.settings.requireMegolm(roomId, own.userId);
      const users = (await this.members.recipients(roomId, own.userId)).filter((userId) => !this.ctx.isOurUser(userId));
      const devices = await this.tracker.devicesOf(users);
      const key = { roomId, userId: own.userId, deviceId: own.deviceId };

      let record = await this.ctx.store.outboundGroupSessions.get(key);
      let shares = record ? await this.ctx.store.outboundGroupSessions.listShares(record.sessionId) : [];
      const reason = record ? (rotationByUse(record, policy, this.ctx.now()) ?? rotationByRecipients(shares, devices)) : "new";
      if (reason) {
        if (record) log.debug("rotating the room key", { room: roomId, user: own.userId, reason });
        record = await this.startSession(own, roomId);
        shares = [];
      }
      const current = record!;

      return using(this.ctx.olm.unpickleMegolmOutbound(this.ctx.pickleKey, current.pickle), async (session) => {
        await this.distribution.shareWithMissing(own, current, session, devices, shares);
        const ciphertext = session.encrypt(JSON.stringify({ type, content, room_id: roomId }));
        await this.ctx.store.outboundGroupSessions.saveProgress(current.sessionId, session.pickle(this.ctx.pickleKey), current.messageCount + 1);
        return encryptedContent(own, current.sessionId, ciphertext, content);
      });
    });
  }

  /**
   * A new outbound session, with an inbound copy so that we can read our own messages too; its
   * index-0 key is kept (sealed) for devices that may read the room's history and appear later.
   */
  private async startSession(own: OwnDevice, roomId: string): Promise<OutboundGroupSessionRecord> {
    const now = this.ctx.now();
    const { record, sessionKey } = await using(this.ctx.olm.createMegolmOutbound(), (session) => ({
      record: {
        roomId,
        userId: own.userId,
        deviceId: own.deviceId,
        sessionId: session.sessionId(),
        pickle: session.pickle(this.ctx.pickleKey),
        initialKey: sealInitialKey(this.ctx.seeds, roomId, session.sessionId(), session.sessionKey()),
        createdAt: now,
        messageCount: 0,
      },
      sessionKey: session.sessionKey(),
    }));
    const inboundPickle = await using(this.ctx.olm.createMegolmInbound(sessionKey), (inbound) => inbound.pickle(this.ctx.pickleKey));
    await this.ctx.store.inboundGroupSessions.save({
      roomId,
      sessionId: record.sessionId,
      senderKey: own.curve25519Key,
      senderUserId: own.userId,
      claimedEd25519Key: own.ed25519Key,
      firstKnownIndex: 0,
      pickle: inboundPickle,
      forwardingChain: [],
      receivedByUserId: own.userId,
      receivedByDeviceId: own.deviceId,
      createdAt: now,
    });
    await this.ctx.store.outboundGroupSessions.replace(record);
    return record;
  }
}

/** The m.room.encrypted content; m.relates_to stays in the clear so the homeserver can aggregate relations. */
function encryptedContent(own: OwnDevice, sessionId: string, ciphertext: string, content: JsonObject): JsonObject {
  const relatesTo = content["m.relates_to"];
  return {
    algorithm: MEGOLM_ALGORITHM,
    sender_key: own.curve25519Key,
    ciphertext,
    session_id: sessionId,
    device_id: own.deviceId,
    ...(relatesTo === undefined ? {} : { "m.relates_to": relatesTo }),
  };
}
