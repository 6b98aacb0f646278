import { randomBytes } from "node:crypto";
import { getLogger } from "../../../logging/logger";
import { MEGOLM_ALGORITHM } from "../algorithms";
import { sendToDevice } from "../channel/to-device";
import type { CryptoContext } from "../context";
import type { OwnDevices } from "../devices/own-devices";
import type { MissingRoomKeyError } from "../errors";

const log = getLogger("crypto.key-requests");
/** A session's key is asked for at most this often. */
export const KEY_REQUEST_INTERVAL_MS = 5 * 60 * 1000;
/** A forwarded key is accepted this long after asking for it. */
const REQUEST_VALIDITY_MS = 24 * 60 * 60 * 1000;

interface PendingRequest {
  requestId: string;
  /** the user asked, the only one whose forwarded key we take */
  askedUserId: string;
  askedAt: number;
}

/** Asks senders' devices for missing room keys (m.room_key_request, as the bot's device). */
export class KeyRequests {
  private readonly pending = new Map<string, PendingRequest>();

  constructor(
    private readonly ctx: CryptoContext,
    private readonly devices: OwnDevices,
  ) {}

  async request(error: MissingRoomKeyError): Promise<void> {
    const key = `${error.roomId}|${error.sessionId}`;
    const now = this.ctx.now();
    const previous = this.pending.get(key);
    if (previous && now - previous.askedAt < KEY_REQUEST_INTERVAL_MS) return;
    const bot = await this.devices.ensure(this.ctx.botUserId);
    const requestId = randomBytes(8).toString("hex");
    this.pending.set(key, { requestId, askedUserId: error.sender, askedAt: now });
    const content = {
      action: "request",
      request_id: requestId,
      requesting_device_id: bot.deviceId,
      body: {
        algorithm: MEGOLM_ALGORITHM,
        room_id: error.roomId,
        session_id: error.sessionId,
        ...(error.senderKey ? { sender_key: error.senderKey } : {}),
      },
    };
    log.info("asking for a missing room key", { room: error.roomId, session: error.sessionId, from: error.sender });
    await sendToDevice(this.ctx, bot, "m.room_key_request", [
      { userId: error.sender, deviceId: error.senderDeviceId ?? "*", content },
    ]);
  }

  /** Whether we asked `forwarder` for this session (and recently): then its forwarded key is welcome, once. */
  takeAnswer(roomId: string, sessionId: string, forwarder: string): boolean {
    const key = `${roomId}|${sessionId}`;
    const request = this.pending.get(key);
    if (!request || request.askedUserId !== forwarder || this.ctx.now() - request.askedAt > REQUEST_VALIDITY_MS) return false;
    this.pending.delete(key);
    return true;
  }
}
