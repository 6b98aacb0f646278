/** Something about encryption failed; the message says what, never with key material. */
export class CryptoError extends Error {
  override name = "CryptoError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An event could not be decrypted and never will be (not a missing key: forged, replayed, malformed). */
export class DecryptionError extends CryptoError {
  override name = "DecryptionError";
  constructor(
    readonly code: DecryptionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type DecryptionErrorCode =
  | "UNSUPPORTED_ALGORITHM"
  | "MALFORMED"
  | "REPLAY"
  | "BAD_CIPHERTEXT"
  | "WRONG_ROOM"
  | "WRONG_SENDER";

/** Why a sender said it would not share a key (m.room_key.withheld). */
export interface WithheldInfo {
  code: string;
  reason?: string;
}

/**
 * The room key for an event is not here (yet): it may still arrive over to-device, or can be
 * asked for with CryptoEngine.requestRoomKey.
 */
export class MissingRoomKeyError extends CryptoError {
  override name = "MissingRoomKeyError";
  constructor(
    readonly roomId: string,
    readonly eventId: string,
    /** the event's sender, whom to ask */
    readonly sender: string,
    readonly senderKey: string | undefined,
    readonly sessionId: string,
    /** the sending device, when the event names it */
    readonly senderDeviceId: string | undefined,
    /** we hold the session, but only from a later index than this event's */
    readonly laterIndexOnly: boolean,
    /** the sender told us it withheld the key, and why */
    readonly withheld?: WithheldInfo,
  ) {
    super(
      `no room key for session ${sessionId} of ${sender} in ${roomId}` +
        (laterIndexOnly ? " at this message index" : "") +
        (withheld ? ` (withheld: ${withheld.code})` : ""),
    );
  }
}
