// A device made by hand with libolm, for tests that need a peer doing things the engine never
// would (forging, replaying): it publishes keys on the fake server and speaks Olm and Megolm itself.
import type { ToDeviceEvent } from "../../../../src/matrix/appservice/transaction-body";
import { selfSignedDeviceKeys } from "../../../../src/matrix/crypto/devices/device-keys";
import { deviceKeyId, withSignature } from "../../../../src/matrix/crypto/keys/signing";
import type { CryptoPrimitives, MegolmOutboundSession, OlmAccount, OlmSession } from "../../../../src/matrix/crypto/olm";
import type { FakeKeyServer } from "./fake-key-server";

type Json = Record<string, unknown>;

export interface HandPeerOptions {
  oneTimeKeys?: number;
  fallbackKey?: boolean;
  /** change the published device keys after signing them (a bad signature) */
  tamper?: (keys: Json) => Json;
  /** publish the keys under another device id than they name */
  listAs?: string;
}

export class HandPeer {
  readonly curve25519Key: string;
  readonly ed25519Key: string;
  readonly deviceKeys: Json;
  private readonly sessions = new Map<string, OlmSession>();

  private constructor(
    private readonly olm: CryptoPrimitives,
    private readonly server: FakeKeyServer,
    readonly userId: string,
    readonly deviceId: string,
    readonly account: OlmAccount,
    options: HandPeerOptions,
  ) {
    const identity = account.identityKeys();
    this.curve25519Key = identity.curve25519;
    this.ed25519Key = identity.ed25519;
    const signed = selfSignedDeviceKeys({ userId, deviceId, ...this.identity() }, (p) => account.sign(p));
    this.deviceKeys = options.tamper ? options.tamper(signed) : signed;
    const listedAs = options.listAs ?? deviceId;
    const state = server.putDevice(userId, listedAs);
    state.keys = this.deviceKeys;
    account.generateOneTimeKeys(options.oneTimeKeys ?? 5);
    for (const [id, key] of Object.entries(account.unpublishedOneTimeKeys())) {
      state.oneTimeKeys.set(`signed_curve25519:${id}`, withSignature({ key }, userId, deviceKeyId(listedAs), (p) => account.sign(p)));
    }
    if (options.fallbackKey) {
      account.generateFallbackKey();
      const [[id, key]] = Object.entries(account.unpublishedFallbackKey());
      state.fallback = { id: `signed_curve25519:${id}`, key: withSignature({ key, fallback: true }, userId, deviceKeyId(listedAs), (p) => account.sign(p)), used: false };
    }
    account.markKeysAsPublished();
  }

  static create(olm: CryptoPrimitives, server: FakeKeyServer, userId: string, deviceId: string, options: HandPeerOptions = {}): HandPeer {
    return new HandPeer(olm, server, userId, deviceId, olm.createAccount(), options);
  }

  private identity() {
    return { curve25519Key: this.curve25519Key, ed25519Key: this.ed25519Key };
  }

  /** An Olm to-device message to a device on the fake server; `payload` overrides the standard fields. */
  olmTo(toUserId: string, toDeviceId: string, type: string, content: Json, payload: Json = {}, eventSender = this.userId): ToDeviceEvent {
    const target = this.server.deviceKeys(toUserId, toDeviceId) as { keys: Record<string, string> };
    const theirCurve = target.keys[`curve25519:${toDeviceId}`];
    const theirEd = target.keys[`ed25519:${toDeviceId}`];
    let session = this.sessions.get(theirCurve);
    if (!session) {
      const state = this.server.devices.get(toUserId)!.get(toDeviceId)!;
      const [id, otk] = state.oneTimeKeys.entries().next().value!;
      state.oneTimeKeys.delete(id);
      session = this.olm.createOutboundSession(this.account, theirCurve, otk.key as string);
      this.sessions.set(theirCurve, session);
    }
    const plaintext = {
      type,
      content,
      sender: this.userId,
      sender_device: this.deviceId,
      keys: { ed25519: this.ed25519Key },
      recipient: toUserId,
      recipient_keys: { ed25519: theirEd },
      ...payload,
    };
    const message = session.encrypt(JSON.stringify(plaintext));
    return {
      type: "m.room.encrypted",
      sender: eventSender,
      to_user_id: toUserId,
      to_device_id: toDeviceId,
      content: { algorithm: "m.olm.v1.curve25519-aes-sha2", sender_key: this.curve25519Key, ciphertext: { [theirCurve]: message } },
    };
  }

  /** Decrypts an Olm message the engine sent to this device. */
  receive(event: ToDeviceEvent): Json {
    const content = event.content as { sender_key: string; ciphertext: Record<string, { type: 0 | 1; body: string }> };
    const message = content.ciphertext[this.curve25519Key];
    let session = this.sessions.get(content.sender_key);
    if (message.type === 0 && (!session || !session.matchesInboundFrom(content.sender_key, message.body))) {
      session = this.olm.createInboundSession(this.account, content.sender_key, message.body);
      this.account.removeOneTimeKeys(session);
      this.sessions.set(content.sender_key, session);
    }
    return JSON.parse(session!.decrypt(message)) as Json;
  }

  /** A new outbound Megolm session of this device. */
  megolm(): MegolmOutboundSession {
    return this.olm.createMegolmOutbound();
  }

  megolmEvent(session: MegolmOutboundSession, roomId: string, body: string, eventId: string) {
    const ciphertext = session.encrypt(JSON.stringify({ type: "m.room.message", content: { msgtype: "m.text", body }, room_id: roomId }));
    return {
      type: "m.room.encrypted",
      room_id: roomId,
      sender: this.userId,
      event_id: eventId,
      content: { algorithm: "m.megolm.v1.aes-sha2", sender_key: this.curve25519Key, ciphertext, session_id: session.sessionId(), device_id: this.deviceId },
    };
  }

  roomKey(session: MegolmOutboundSession, roomId: string): Json {
    return { algorithm: "m.megolm.v1.aes-sha2", room_id: roomId, session_id: session.sessionId(), session_key: session.sessionKey() };
  }
}
