import { getLogger } from "../../../logging/logger";
import type { InboundGroupSessionRecord } from "../../../store";
import { MEGOLM_ALGORITHM } from "../algorithms";
import type { DecryptedToDevice } from "../channel/olm-decryptor";
import type { CryptoContext } from "../context";
import { DecryptionError } from "../errors";
import type { JsonObject } from "../keys/signing";
import { freeAll, type MegolmInboundSession, using } from "../olm";
import { isString } from "../types";

const log = getLogger("crypto.megolm");

interface RoomKeyFields {
  roomId: string;
  sessionId: string;
  sessionKey: string;
}

function roomKeyFields(content: JsonObject): RoomKeyFields {
  if (content.algorithm !== MEGOLM_ALGORITHM) {
    throw new DecryptionError("UNSUPPORTED_ALGORITHM", `room key for unsupported algorithm ${String(content.algorithm)}`);
  }
  const { room_id: roomId, session_id: sessionId, session_key: sessionKey } = content;
  if (!isString(roomId) || !isString(sessionId) || !isString(sessionKey)) {
    throw new DecryptionError("MALFORMED", "the room key lacks room_id, session_id or session_key");
  }
  return { roomId, sessionId, sessionKey };
}

/** Imports room keys that arrived over Olm as inbound Megolm sessions, keeping the lowest known index. */
export class RoomKeyImport {
  constructor(private readonly ctx: CryptoContext) {}

  /** m.room_key: the session was created by the device that sent it to us. */
  async importRoomKey(decrypted: DecryptedToDevice): Promise<void> {
    const { roomId, sessionId, sessionKey } = roomKeyFields(decrypted.payload.content);
    const session = this.create(() => this.ctx.olm.createMegolmInbound(sessionKey), sessionId);
    await this.keep(session, {
      roomId,
      sessionId,
      senderKey: decrypted.senderKey,
      senderUserId: decrypted.payload.sender,
      claimedEd25519Key: decrypted.senderDevice.ed25519Key,
      forwardingChain: [],
      receivedByUserId: decrypted.own.userId,
      receivedByDeviceId: decrypted.own.deviceId,
    });
  }

  /**
   * m.forwarded_room_key: another device passes on a session it holds. The caller decides whether
   * the forwarder is trusted for it (we asked that user for this session).
   */
  async importForwardedRoomKey(decrypted: DecryptedToDevice): Promise<void> {
    const content = decrypted.payload.content;
    const { roomId, sessionId, sessionKey } = roomKeyFields(content);
    const senderKey = content.sender_key;
    const claimed = content.sender_claimed_ed25519_key;
    const chain = Array.isArray(content.forwarding_curve25519_key_chain) ? content.forwarding_curve25519_key_chain.filter(isString) : [];
    if (!isString(senderKey) || !isString(claimed)) {
      throw new DecryptionError("MALFORMED", "the forwarded room key lacks sender_key or sender_claimed_ed25519_key");
    }
    const session = this.create(() => this.ctx.olm.importMegolmInbound(sessionKey), sessionId);
    await this.keep(session, {
      roomId,
      sessionId,
      senderKey,
      senderUserId: decrypted.payload.sender,
      claimedEd25519Key: claimed,
      forwardingChain: [...chain, decrypted.senderKey],
      receivedByUserId: decrypted.own.userId,
      receivedByDeviceId: decrypted.own.deviceId,
    });
  }

  private create(make: () => MegolmInboundSession, sessionId: string): MegolmInboundSession {
    let session: MegolmInboundSession;
    try {
      session = make();
    } catch (err) {
      throw new DecryptionError("MALFORMED", "the room key is not a valid Megolm session key", { cause: err });
    }
    if (session.sessionId() !== sessionId) {
      session.free();
      throw new DecryptionError("MALFORMED", `the room key is for session ${session.sessionId()}, not ${sessionId}`);
    }
    return session;
  }

  /** Stores the session unless we already hold it from an earlier (or the same) index. */
  private async keep(
    session: MegolmInboundSession,
    fields: Omit<InboundGroupSessionRecord, "firstKnownIndex" | "pickle" | "createdAt">,
  ): Promise<void> {
    await using(session, async () => {
      const existing = await this.ctx.store.inboundGroupSessions.get(fields.roomId, fields.sessionId, fields.senderKey);
      const firstKnownIndex = session.firstKnownIndex();
      if (existing && existing.firstKnownIndex <= firstKnownIndex) {
        log.debug("room key ignored: already known from an earlier index", { room: fields.roomId, session: fields.sessionId });
        return;
      }
      if (existing && !this.sameRatchet(existing, session)) {
        throw new DecryptionError("MALFORMED", `a room key for session ${fields.sessionId} does not match the one we hold`);
      }
      await this.ctx.store.inboundGroupSessions.save({
        ...fields,
        // A better index does not make a less trusted source the owner of what we knew.
        ...(existing ? { senderUserId: existing.senderUserId, claimedEd25519Key: existing.claimedEd25519Key } : {}),
        firstKnownIndex,
        pickle: session.pickle(this.ctx.pickleKey),
        createdAt: existing?.createdAt ?? this.ctx.now(),
      });
      log.debug("room key imported", { room: fields.roomId, session: fields.sessionId, index: firstKnownIndex });
    });
  }

  /** Whether both sessions have the same ratchet at the later of their first indexes (the same session). */
  private sameRatchet(existing: InboundGroupSessionRecord, candidate: MegolmInboundSession): boolean {
    const held = this.ctx.olm.unpickleMegolmInbound(this.ctx.pickleKey, existing.pickle);
    try {
      const index = Math.max(existing.firstKnownIndex, candidate.firstKnownIndex());
      return held.exportAt(index) === candidate.exportAt(index);
    } finally {
      freeAll([held]);
    }
  }
}
