import { getLogger } from "../../../logging/logger";
import type { DeviceKeysRecord, GroupShareRecord } from "../../../store";
import { MEGOLM_ALGORITHM } from "../algorithms";
import type { OlmEncryptor } from "../channel/olm-encryptor";
import { sendToDevice } from "../channel/to-device";
import type { CryptoContext } from "../context";
import type { OwnDevice } from "../types";

const log = getLogger("crypto.megolm");

export const NO_OLM = "m.no_olm";

export interface SessionToShare {
  roomId: string;
  sessionId: string;
  /** the session key at the current index */
  sessionKey: string;
  messageIndex: number;
}

/**
 * Gives a room key to devices over Olm (m.room_key), and tells devices it cannot reach why
 * (m.room_key.withheld, m.no_olm). Returns what to record as shared.
 */
export class RoomKeySharing {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly olm: OlmEncryptor,
  ) {}

  async share(own: OwnDevice, session: SessionToShare, devices: readonly DeviceKeysRecord[]): Promise<GroupShareRecord[]> {
    if (!devices.length) return [];
    const content = { algorithm: MEGOLM_ALGORITHM, room_id: session.roomId, session_id: session.sessionId, session_key: session.sessionKey };
    const { messages, unreachable } = await this.olm.encrypt(own, devices, () => ({ type: "m.room_key", content }));
    await sendToDevice(this.ctx, own, "m.room.encrypted", messages);
    if (unreachable.length) await this.withholdNoOlm(own, session, unreachable);
    const now = this.ctx.now();
    log.debug("room key shared", { room: session.roomId, session: session.sessionId, devices: messages.length, withheld: unreachable.length });
    return [
      ...messages.map((m) => share(session, m, session.messageIndex, null, now)),
      ...unreachable.map((d) => share(session, d, session.messageIndex, NO_OLM, now)),
    ];
  }

  private async withholdNoOlm(own: OwnDevice, session: SessionToShare, devices: readonly DeviceKeysRecord[]): Promise<void> {
    // m.no_olm is about the device, not the session: no room_id or session_id.
    const content = {
      algorithm: MEGOLM_ALGORITHM,
      code: NO_OLM,
      reason: "Unable to establish a secure channel: the device has no one-time keys.",
      sender_key: own.curve25519Key,
      from_device: own.deviceId,
    };
    log.info("room key withheld: no Olm session possible", { room: session.roomId, devices: devices.length });
    await sendToDevice(this.ctx, own, "m.room_key.withheld", devices.map((d) => ({ userId: d.userId, deviceId: d.deviceId, content })));
  }
}

function share(
  session: SessionToShare,
  device: { userId: string; deviceId: string },
  messageIndex: number,
  withheld: string | null,
  now: number,
): GroupShareRecord {
  return { sessionId: session.sessionId, userId: device.userId, deviceId: device.deviceId, messageIndex, withheld, sharedAt: now };
}
