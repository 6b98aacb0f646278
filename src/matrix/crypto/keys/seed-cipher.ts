import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts secrets libolm cannot pickle itself (cross-signing seeds, outbound Megolm sessions' initial
 * keys) with AES-256-GCM, under a key derived from the pickle key. The associated data names what the
 * secret is (user and key usage, room and session), so a stored secret cannot be swapped into another row.
 */
export class SeedCipher {
  private readonly key: Buffer;

  constructor(pickleKey: string) {
    this.key = Buffer.from(hkdfSync("sha256", pickleKey, "switchboard", "switchboard crypto seeds v1", 32));
  }

  seal(secret: Uint8Array, label: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(label, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64")}`;
  }

  /** @throws when the secret was sealed with another key or label, or was altered */
  open(sealed: string, label: string): Uint8Array {
    const [version, data] = sealed.split(":", 2);
    if (version !== VERSION || !data) throw new Error("unknown sealed secret format");
    const bytes = Buffer.from(data, "base64");
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", this.key, iv);
    decipher.setAAD(Buffer.from(label, "utf8"));
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
  }
}
