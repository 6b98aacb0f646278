import type { RoomEvent } from "../../appservice/transaction-body";
import { MEGOLM_ALGORITHM } from "../algorithms";
import type { CryptoContext } from "../context";
import { DecryptionError, MissingRoomKeyError } from "../errors";
import type { JsonObject } from "../keys/signing";
import { type MegolmInboundSession, using } from "../olm";
import { isObject, isString } from "../types";
import type { WithheldNotes } from "./withheld-notes";

export interface DecryptedRoomEvent {
  type: string;
  content: JsonObject;
  /** curve25519 key of the device that created the session */
  senderKey: string;
  /** that device's id, when we know it */
  senderDevice?: string;
}

/**
 * Decrypts m.room.encrypted room events. The session must have come from the event's sender, the
 * plaintext must name the event's room, and a message index is accepted for one event id only.
 */
export class GroupDecryptor {
  constructor(
    private readonly ctx: CryptoContext,
    private readonly withheld: WithheldNotes,
  ) {}

  async decrypt(event: RoomEvent): Promise<DecryptedRoomEvent> {
    const wire = megolmContent(event.content);
    const record = await this.ctx.store.inboundGroupSessions.get(event.room_id, wire.sessionId, wire.senderKey);
    const missing = (laterIndexOnly: boolean) =>
      new MissingRoomKeyError(
        event.room_id,
        event.event_id,
        event.sender,
        wire.senderKey ?? record?.senderKey,
        wire.sessionId,
        wire.deviceId,
        laterIndexOnly,
        this.withheld.lookup(event.room_id, wire.sessionId, wire.senderKey ?? record?.senderKey),
      );
    if (!record) throw missing(false);
    if (record.senderUserId !== null && record.senderUserId !== event.sender) {
      throw new DecryptionError("WRONG_SENDER", `the room key of session ${wire.sessionId} came from ${record.senderUserId}, not ${event.sender}`);
    }

    const { plaintext, messageIndex } = await using(this.ctx.olm.unpickleMegolmInbound(this.ctx.pickleKey, record.pickle), (session) =>
      decryptOrExplain(session, wire.ciphertext, missing),
    );
    const payload = parsePayload(plaintext);
    if (payload.room_id !== event.room_id) {
      throw new DecryptionError("WRONG_ROOM", `the event was encrypted for room ${String(payload.room_id)}, not ${event.room_id}`);
    }
    const holder = await this.ctx.store.seenIndexes.claim(wire.sessionId, messageIndex, event.event_id, this.ctx.now());
    if (holder !== event.event_id) {
      throw new DecryptionError("REPLAY", `message index ${messageIndex} of session ${wire.sessionId} was already used by ${holder}`);
    }
    // Our own sessions (a ghost's message read back) name our device as the receiver.
    const ownDevice = record.receivedByUserId === event.sender ? record.receivedByDeviceId : undefined;
    const senderDevice = await this.senderDevice(event.sender, record.senderKey, ownDevice);
    return {
      type: payload.type,
      content: withRelation(payload.content, event.content),
      senderKey: record.senderKey,
      ...(senderDevice ? { senderDevice } : {}),
    };
  }

  private async senderDevice(sender: string, senderKey: string, ownDevice: string | undefined): Promise<string | undefined> {
    if (ownDevice) return ownDevice;
    return (await this.ctx.store.devices.findByCurveKey(sender, senderKey))?.deviceId;
  }
}

interface MegolmWire {
  ciphertext: string;
  sessionId: string;
  senderKey?: string;
  deviceId?: string;
}

function megolmContent(content: JsonObject): MegolmWire {
  if (content.algorithm !== MEGOLM_ALGORITHM) {
    throw new DecryptionError("UNSUPPORTED_ALGORITHM", `unsupported room event algorithm ${String(content.algorithm)}`);
  }
  if (!isString(content.ciphertext) || !isString(content.session_id)) {
    throw new DecryptionError("MALFORMED", "the encrypted event has no ciphertext or session_id");
  }
  return {
    ciphertext: content.ciphertext,
    sessionId: content.session_id,
    ...(isString(content.sender_key) ? { senderKey: content.sender_key } : {}),
    ...(isString(content.device_id) ? { deviceId: content.device_id } : {}),
  };
}

function decryptOrExplain(
  session: MegolmInboundSession,
  ciphertext: string,
  missing: (laterIndexOnly: boolean) => MissingRoomKeyError,
): { plaintext: string; messageIndex: number } {
  try {
    return session.decrypt(ciphertext);
  } catch (err) {
    if (err instanceof Error && err.message.includes("UNKNOWN_MESSAGE_INDEX")) throw missing(true);
    throw new DecryptionError("BAD_CIPHERTEXT", "the ciphertext does not decrypt with its session (altered or forged)", { cause: err });
  }
}

function parsePayload(plaintext: string): { type: string; content: JsonObject; room_id: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch (err) {
    throw new DecryptionError("MALFORMED", "the decrypted event is not JSON", { cause: err });
  }
  if (!isObject(parsed) || !isString(parsed.type) || !isObject(parsed.content)) {
    throw new DecryptionError("MALFORMED", "the decrypted event has no type or content");
  }
  return { type: parsed.type, content: parsed.content, room_id: parsed.room_id };
}

/** Relations travel in the clear (for server-side aggregation); put them back when the plaintext lacks them. */
function withRelation(content: JsonObject, wire: JsonObject): JsonObject {
  const relatesTo = wire["m.relates_to"];
  if (relatesTo === undefined || content["m.relates_to"] !== undefined) return content;
  return { ...content, "m.relates_to": relatesTo };
}
