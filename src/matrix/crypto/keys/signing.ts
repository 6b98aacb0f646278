import { canonicalJson } from "./canonical-json";

export type JsonObject = Record<string, unknown>;
/** user id → key id → signature */
export type Signatures = Record<string, Record<string, string>>;

/** The bytes a signature on `object` covers: its canonical JSON without `signatures` and `unsigned`. */
export function signingPayload(object: JsonObject): string {
  return canonicalJson(unsignedCopy(object));
}

/** A copy of `object` without `signatures` and `unsigned`. */
export function unsignedCopy<T extends JsonObject>(object: T): Omit<T, "signatures" | "unsigned"> {
  const copy: JsonObject = { ...object };
  delete copy.signatures;
  delete copy.unsigned;
  return copy as Omit<T, "signatures" | "unsigned">;
}

export const deviceKeyId = (deviceId: string): string => `ed25519:${deviceId}`;
/** Cross-signing keys are named by themselves: `ed25519:<unpadded base64 public key>`. */
export const crossSigningKeyId = (publicKey: string): string => `ed25519:${publicKey}`;

export function signaturesOf(object: JsonObject): Signatures {
  const signatures = object.signatures;
  return typeof signatures === "object" && signatures !== null && !Array.isArray(signatures) ? (signatures as Signatures) : {};
}

/** A copy of `object` with the signature of `userId`'s key `keyId` added (existing ones kept). */
export function withSignature<T extends JsonObject>(
  object: T,
  userId: string,
  keyId: string,
  sign: (payload: string) => string,
): T & { signatures: Signatures } {
  const signature = sign(signingPayload(object));
  const signatures = signaturesOf(object);
  return { ...object, signatures: { ...signatures, [userId]: { ...(signatures[userId] ?? {}), [keyId]: signature } } };
}

/** Whether `object` carries a valid signature of `userId`'s key `keyId`, made by `publicKey`. */
export function hasValidSignature(
  object: JsonObject,
  userId: string,
  keyId: string,
  publicKey: string,
  verify: (publicKey: string, message: string, signature: string) => boolean,
): boolean {
  const signature = signaturesOf(object)[userId]?.[keyId];
  if (typeof signature !== "string") return false;
  return verify(publicKey, signingPayload(object), signature);
}
