import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { CryptoError } from "./errors";

/** The `file` of an encrypted attachment (spec: EncryptedFile), without the mxc:// `url` it is uploaded to. */
export interface EncryptedFileInfo {
  key: { kty: "oct"; key_ops: string[]; alg: "A256CTR"; k: string; ext: true };
  iv: string;
  hashes: { sha256: string };
  v: "v2";
}

export interface EncryptedFile extends EncryptedFileInfo {
  url: string;
}

const unpadded = (buffer: Buffer) => buffer.toString("base64").replace(/=+$/, "");

/**
 * Encrypts an attachment for an encrypted room: AES-256-CTR with a fresh key, the IV's counter half
 * zero, and the SHA-256 of the ciphertext. Upload `data`; put `{ url, ...info }` in the event content.
 */
export function encryptAttachment(plaintext: Buffer): { data: Buffer; info: EncryptedFileInfo } {
  const key = randomBytes(32);
  const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
  const cipher = createCipheriv("aes-256-ctr", key, iv);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    data,
    info: {
      key: { kty: "oct", key_ops: ["encrypt", "decrypt"], alg: "A256CTR", k: key.toString("base64url"), ext: true },
      iv: unpadded(iv),
      hashes: { sha256: unpadded(createHash("sha256").update(data).digest()) },
      v: "v2",
    },
  };
}

/** Decrypts a downloaded attachment after checking its hash. @throws CryptoError when it does not match */
export function decryptAttachment(data: Buffer, file: EncryptedFileInfo): Buffer {
  if (file.key?.alg !== "A256CTR" || typeof file.key.k !== "string" || typeof file.iv !== "string") {
    throw new CryptoError("unsupported encrypted attachment");
  }
  const expected = Buffer.from(file.hashes?.sha256 ?? "", "base64");
  const actual = createHash("sha256").update(data).digest();
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new CryptoError("the attachment's hash does not match");
  const key = Buffer.from(file.key.k, "base64url");
  const iv = Buffer.from(file.iv, "base64");
  if (key.length !== 32 || iv.length !== 16) throw new CryptoError("the attachment's key or IV has the wrong length");
  const decipher = createDecipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}
