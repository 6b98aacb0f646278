// The cryptographic primitives the engine needs, as interfaces: libolm implements them today
// (libolm.ts), vodozemac can tomorrow. Every object holds native (WASM) memory: free() it.

export interface IdentityKeys {
  curve25519: string;
  ed25519: string;
}

/** An Olm message: type 0 is a pre-key message (starts a session), type 1 a normal one. */
export interface OlmMessage {
  type: 0 | 1;
  body: string;
}

export interface Freeable {
  free(): void;
}

export interface OlmAccount extends Freeable {
  identityKeys(): IdentityKeys;
  sign(message: string): string;
  maxOneTimeKeys(): number;
  generateOneTimeKeys(count: number): void;
  /** Key id → unpadded base64 curve25519 key, for keys not yet marked as published. */
  unpublishedOneTimeKeys(): Record<string, string>;
  generateFallbackKey(): void;
  unpublishedFallbackKey(): Record<string, string>;
  markKeysAsPublished(): void;
  removeOneTimeKeys(session: OlmSession): void;
  pickle(key: string): string;
}

export interface OlmSession extends Freeable {
  sessionId(): string;
  hasReceivedMessage(): boolean;
  /** Whether a pre-key message from that identity key belongs to this session. */
  matchesInboundFrom(theirIdentityKey: string, preKeyBody: string): boolean;
  encrypt(plaintext: string): OlmMessage;
  decrypt(message: OlmMessage): string;
  pickle(key: string): string;
}

export interface MegolmOutboundSession extends Freeable {
  sessionId(): string;
  /** The key to share, valid from the current message index on. */
  sessionKey(): string;
  messageIndex(): number;
  encrypt(plaintext: string): string;
  pickle(key: string): string;
}

export interface MegolmInboundSession extends Freeable {
  sessionId(): string;
  firstKnownIndex(): number;
  decrypt(ciphertext: string): { plaintext: string; messageIndex: number };
  /** The session exported from `messageIndex` on (the m.forwarded_room_key format). */
  exportAt(messageIndex: number): string;
  pickle(key: string): string;
}

export interface Ed25519Signer extends Freeable {
  readonly publicKey: string;
  sign(message: string): string;
}

export interface CryptoPrimitives {
  createAccount(): OlmAccount;
  unpickleAccount(pickleKey: string, pickle: string): OlmAccount;
  createOutboundSession(account: OlmAccount, theirIdentityKey: string, theirOneTimeKey: string): OlmSession;
  createInboundSession(account: OlmAccount, theirIdentityKey: string, preKeyBody: string): OlmSession;
  unpickleSession(pickleKey: string, pickle: string): OlmSession;
  createMegolmOutbound(): MegolmOutboundSession;
  unpickleMegolmOutbound(pickleKey: string, pickle: string): MegolmOutboundSession;
  /** From an m.room_key session key (signed). */
  createMegolmInbound(sessionKey: string): MegolmInboundSession;
  /** From an exported session (m.forwarded_room_key). */
  importMegolmInbound(exportedKey: string): MegolmInboundSession;
  unpickleMegolmInbound(pickleKey: string, pickle: string): MegolmInboundSession;
  verifyEd25519(publicKey: string, message: string, signature: string): boolean;
  /** A new 32-byte seed for an ed25519 signing key (cross-signing). */
  generateSigningSeed(): Uint8Array;
  signerFromSeed(seed: Uint8Array): Ed25519Signer;
}
