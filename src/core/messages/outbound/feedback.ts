import { describeError, getLogger } from "../../../logging/logger";
import type { MatrixPort } from "../../matrix-port";

const log = getLogger("outbound");

/** Tells Matrix users what happened to what they sent: a notice in reply, or the bot's receipt. */
export class SendFeedback {
  constructor(private readonly matrix: MatrixPort) {}

  async notice(roomId: string, eventId: string, text: string): Promise<void> {
    try {
      await this.matrix.sendEvent(this.matrix.botUserId, roomId, "m.room.message", {
        msgtype: "m.notice",
        body: text,
        "m.relates_to": { "m.in_reply_to": { event_id: eventId } },
      });
    } catch (err) {
      log.error("could not tell the sender what happened to an event", { roomId, error: describeError(err) });
    }
  }

  /** The network took it: the bridge bot's read receipt tells the sender. */
  async delivered(roomId: string, eventId: string): Promise<void> {
    try {
      await this.matrix.sendReadReceipt(this.matrix.botUserId, roomId, eventId);
    } catch (err) {
      log.warn("could not send the delivery receipt", { roomId, error: describeError(err) });
    }
  }
}
