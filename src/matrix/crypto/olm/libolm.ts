// The only module that touches @matrix-org/olm.
import type OlmModule from "@matrix-org/olm";
import type {
  CryptoPrimitives,
  Ed25519Signer,
  IdentityKeys,
  MegolmInboundSession,
  MegolmOutboundSession,
  OlmAccount,
  OlmMessage,
  OlmSession,
} from "./primitives";

type Olm = typeof OlmModule;

let loaded: Promise<Olm> | undefined;

/** Loads and initialises libolm once per process. */
export function loadLibolm(): Promise<CryptoPrimitives> {
  loaded ??= initialise();
  return loaded.then((olm) => new LibolmPrimitives(olm));
}

async function initialise(): Promise<Olm> {
  // libolm's Emscripten runtime installs process-wide handlers that rethrow every uncaught exception
  // and unhandled rejection; they would take over the host's own error handling, so they are removed.
  const listeners = () => [...process.listeners("uncaughtException"), ...process.listeners("unhandledRejection")];
  const before = new Set<unknown>(listeners());
  try {
    const olm = (await import("@matrix-org/olm")).default;
    await olm.init();
    return olm;
  } finally {
    for (const listener of listeners()) {
      if (before.has(listener)) continue;
      process.removeListener("uncaughtException", listener as NodeJS.UncaughtExceptionListener);
      process.removeListener("unhandledRejection", listener as NodeJS.UnhandledRejectionListener);
    }
  }
}

class LibolmAccount implements OlmAccount {
  constructor(readonly raw: OlmModule.Account) {}
  identityKeys(): IdentityKeys {
    return JSON.parse(this.raw.identity_keys()) as IdentityKeys;
  }
  sign(message: string): string {
    return this.raw.sign(message);
  }
  maxOneTimeKeys(): number {
    return this.raw.max_number_of_one_time_keys();
  }
  generateOneTimeKeys(count: number): void {
    this.raw.generate_one_time_keys(count);
  }
  unpublishedOneTimeKeys(): Record<string, string> {
    return (JSON.parse(this.raw.one_time_keys()) as { curve25519: Record<string, string> }).curve25519;
  }
  generateFallbackKey(): void {
    this.raw.generate_fallback_key();
  }
  unpublishedFallbackKey(): Record<string, string> {
    return (JSON.parse(this.raw.unpublished_fallback_key()) as { curve25519: Record<string, string> }).curve25519;
  }
  markKeysAsPublished(): void {
    this.raw.mark_keys_as_published();
  }
  removeOneTimeKeys(session: OlmSession): void {
    this.raw.remove_one_time_keys(rawSession(session));
  }
  pickle(key: string): string {
    return this.raw.pickle(key);
  }
  free(): void {
    this.raw.free();
  }
}

class LibolmSession implements OlmSession {
  constructor(readonly raw: OlmModule.Session) {}
  sessionId(): string {
    return this.raw.session_id();
  }
  hasReceivedMessage(): boolean {
    return this.raw.has_received_message();
  }
  matchesInboundFrom(theirIdentityKey: string, preKeyBody: string): boolean {
    return this.raw.matches_inbound_from(theirIdentityKey, preKeyBody);
  }
  encrypt(plaintext: string): OlmMessage {
    const { type, body } = this.raw.encrypt(plaintext);
    return { type, body };
  }
  decrypt(message: OlmMessage): string {
    return this.raw.decrypt(message.type, message.body);
  }
  pickle(key: string): string {
    return this.raw.pickle(key);
  }
  free(): void {
    this.raw.free();
  }
}

function rawAccount(account: OlmAccount): OlmModule.Account {
  if (!(account instanceof LibolmAccount)) throw new TypeError("not a libolm account");
  return account.raw;
}

function rawSession(session: OlmSession): OlmModule.Session {
  if (!(session instanceof LibolmSession)) throw new TypeError("not a libolm session");
  return session.raw;
}

class LibolmMegolmOutbound implements MegolmOutboundSession {
  constructor(private readonly raw: OlmModule.OutboundGroupSession) {}
  sessionId(): string {
    return this.raw.session_id();
  }
  sessionKey(): string {
    return this.raw.session_key();
  }
  messageIndex(): number {
    return this.raw.message_index();
  }
  encrypt(plaintext: string): string {
    return this.raw.encrypt(plaintext);
  }
  pickle(key: string): string {
    return this.raw.pickle(key);
  }
  free(): void {
    this.raw.free();
  }
}

class LibolmMegolmInbound implements MegolmInboundSession {
  constructor(private readonly raw: OlmModule.InboundGroupSession) {}
  sessionId(): string {
    return this.raw.session_id();
  }
  firstKnownIndex(): number {
    return this.raw.first_known_index();
  }
  decrypt(ciphertext: string): { plaintext: string; messageIndex: number } {
    const { plaintext, message_index: messageIndex } = this.raw.decrypt(ciphertext);
    return { plaintext, messageIndex };
  }
  exportAt(messageIndex: number): string {
    return this.raw.export_session(messageIndex);
  }
  pickle(key: string): string {
    return this.raw.pickle(key);
  }
  free(): void {
    this.raw.free();
  }
}

class LibolmSigner implements Ed25519Signer {
  constructor(
    private readonly raw: OlmModule.PkSigning,
    readonly publicKey: string,
  ) {}
  sign(message: string): string {
    return this.raw.sign(message);
  }
  free(): void {
    this.raw.free();
  }
}

/** Builds a libolm object, freeing it if the step that fills it throws. */
function build<T extends { free(): void }, R>(raw: T, fill: (raw: T) => void, wrap: (raw: T) => R): R {
  try {
    fill(raw);
  } catch (err) {
    raw.free();
    throw err;
  }
  return wrap(raw);
}

class LibolmPrimitives implements CryptoPrimitives {
  constructor(private readonly olm: Olm) {}

  createAccount(): OlmAccount {
    return build(new this.olm.Account(), (a) => a.create(), (a) => new LibolmAccount(a));
  }
  unpickleAccount(pickleKey: string, pickle: string): OlmAccount {
    return build(new this.olm.Account(), (a) => a.unpickle(pickleKey, pickle), (a) => new LibolmAccount(a));
  }
  createOutboundSession(account: OlmAccount, theirIdentityKey: string, theirOneTimeKey: string): OlmSession {
    return build(
      new this.olm.Session(),
      (s) => s.create_outbound(rawAccount(account), theirIdentityKey, theirOneTimeKey),
      (s) => new LibolmSession(s),
    );
  }
  createInboundSession(account: OlmAccount, theirIdentityKey: string, preKeyBody: string): OlmSession {
    return build(
      new this.olm.Session(),
      (s) => s.create_inbound_from(rawAccount(account), theirIdentityKey, preKeyBody),
      (s) => new LibolmSession(s),
    );
  }
  unpickleSession(pickleKey: string, pickle: string): OlmSession {
    return build(new this.olm.Session(), (s) => s.unpickle(pickleKey, pickle), (s) => new LibolmSession(s));
  }
  createMegolmOutbound(): MegolmOutboundSession {
    return build(new this.olm.OutboundGroupSession(), (s) => s.create(), (s) => new LibolmMegolmOutbound(s));
  }
  unpickleMegolmOutbound(pickleKey: string, pickle: string): MegolmOutboundSession {
    return build(new this.olm.OutboundGroupSession(), (s) => s.unpickle(pickleKey, pickle), (s) => new LibolmMegolmOutbound(s));
  }
  createMegolmInbound(sessionKey: string): MegolmInboundSession {
    return build(new this.olm.InboundGroupSession(), (s) => s.create(sessionKey), (s) => new LibolmMegolmInbound(s));
  }
  importMegolmInbound(exportedKey: string): MegolmInboundSession {
    return build(new this.olm.InboundGroupSession(), (s) => s.import_session(exportedKey), (s) => new LibolmMegolmInbound(s));
  }
  unpickleMegolmInbound(pickleKey: string, pickle: string): MegolmInboundSession {
    return build(new this.olm.InboundGroupSession(), (s) => s.unpickle(pickleKey, pickle), (s) => new LibolmMegolmInbound(s));
  }
  verifyEd25519(publicKey: string, message: string, signature: string): boolean {
    const utility = new this.olm.Utility();
    try {
      utility.ed25519_verify(publicKey, message, signature);
      return true;
    } catch {
      return false;
    } finally {
      utility.free();
    }
  }
  generateSigningSeed(): Uint8Array {
    const signing = new this.olm.PkSigning();
    try {
      return signing.generate_seed();
    } finally {
      signing.free();
    }
  }
  signerFromSeed(seed: Uint8Array): Ed25519Signer {
    const signing = new this.olm.PkSigning();
    let publicKey: string;
    try {
      publicKey = signing.init_with_seed(seed);
    } catch (err) {
      signing.free();
      throw err;
    }
    return new LibolmSigner(signing, publicKey);
  }
}
