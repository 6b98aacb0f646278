import type { CryptoAccountRecord } from "../../../store";
import { DecryptionError } from "../errors";
import { isObject, isString, type OlmPayload } from "../types";

/**
 * Checks the plaintext of an Olm message addressed to our device `own`: the sender it names is the
 * homeserver-authenticated sender, and it was meant for this user and this device's key.
 */
export function checkOlmPayload(parsed: unknown, sender: string, own: CryptoAccountRecord): OlmPayload {
  if (!isObject(parsed) || !isString(parsed.type) || !isObject(parsed.content)) {
    throw new DecryptionError("MALFORMED", "the Olm payload has no event type or content");
  }
  if (parsed.sender !== sender) {
    throw new DecryptionError("WRONG_SENDER", `the Olm payload claims sender ${String(parsed.sender)}, but ${sender} sent it`);
  }
  if (parsed.recipient !== own.userId) {
    throw new DecryptionError("WRONG_SENDER", `the Olm payload was meant for ${String(parsed.recipient)}, not ${own.userId}`);
  }
  if (!isObject(parsed.recipient_keys) || parsed.recipient_keys.ed25519 !== own.ed25519Key) {
    throw new DecryptionError("WRONG_SENDER", `the Olm payload was meant for another device than ${own.deviceId}`);
  }
  if (!isObject(parsed.keys) || !isString(parsed.keys.ed25519)) {
    throw new DecryptionError("MALFORMED", "the Olm payload does not name the sender's ed25519 key");
  }
  return parsed as OlmPayload;
}
