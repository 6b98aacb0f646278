import { generateKeyPairSync, randomBytes } from "node:crypto";

/**
 * A Synapse signing key file's content ("ed25519 <key id> <unpadded base64 seed>"), made here
 * instead of by `synapse.app.homeserver --generate-keys`, which costs a Python start (about 2 s).
 */
export function synapseSigningKey(): string {
  const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  const seed = Buffer.from(jwk.d!, "base64url").toString("base64").replace(/=+$/, "");
  const keyId = `a_${randomBytes(3).toString("base64url").slice(0, 4)}`;
  return `ed25519 ${keyId} ${seed}\n`;
}
