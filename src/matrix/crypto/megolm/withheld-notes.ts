import type { WithheldInfo } from "../errors";
import type { JsonObject } from "../keys/signing";
import { isString } from "../types";

const MAX_NOTES = 10_000;

/** What senders told us about keys they withheld (m.room_key.withheld), to explain missing keys. */
export class WithheldNotes {
  private readonly bySession = new Map<string, WithheldInfo>();
  /** m.no_olm names no session: it is about the sending device, by its curve25519 key */
  private readonly byDevice = new Map<string, WithheldInfo>();

  note(content: JsonObject): void {
    if (!isString(content.code)) return;
    const info: WithheldInfo = { code: content.code, ...(isString(content.reason) ? { reason: content.reason } : {}) };
    if (isString(content.room_id) && isString(content.session_id)) remember(this.bySession, `${content.room_id}|${content.session_id}`, info);
    else if (isString(content.sender_key)) remember(this.byDevice, content.sender_key, info);
  }

  lookup(roomId: string, sessionId: string, senderKey: string | undefined): WithheldInfo | undefined {
    return this.bySession.get(`${roomId}|${sessionId}`) ?? (senderKey ? this.byDevice.get(senderKey) : undefined);
  }
}

function remember(map: Map<string, WithheldInfo>, key: string, info: WithheldInfo): void {
  map.delete(key);
  map.set(key, info);
  if (map.size > MAX_NOTES) map.delete(map.keys().next().value!);
}
