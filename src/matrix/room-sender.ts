import { randomBytes } from "node:crypto";
import type { MatrixContent } from "../core/matrix-port";
import { KeyedSerialQueue } from "../core/queue/keyed-serial-queue";
import { enc, type HomeserverClient } from "./homeserver-client";

/** Encrypts events for encrypted rooms (the E2EE engine, when encryption is enabled). */
export interface RoomEncryptor {
  isRoomEncrypted(roomId: string): Promise<boolean>;
  encryptRoomEvent(senderUserId: string, roomId: string, type: string, content: MatrixContent): Promise<{ content: MatrixContent; deviceId: string }>;
}

/**
 * Every event the bridge sends goes through here, one at a time per room: concurrent sends into
 * one room fork its history on Synapse (see PLATFORM-FACTS), whoever sends them, and encrypting
 * in send order keeps Megolm indexes in order. In encrypted rooms events go out encrypted, as the
 * sender's own device.
 */
export class RoomSender {
  private readonly perRoom = new KeyedSerialQueue();
  private readonly txnPrefix = randomBytes(6).toString("hex");
  private counter = 0;
  private encryptor: RoomEncryptor | undefined;

  constructor(private readonly client: HomeserverClient) {}

  useEncryption(encryptor: RoomEncryptor): void {
    this.encryptor = encryptor;
  }

  /** Redacts an event as one of our users (also queued: a redaction is an event in the room). */
  redact(userId: string, roomId: string, eventId: string, reason?: string): Promise<string> {
    return this.perRoom.run(roomId, async () => {
      const txnId = `${this.txnPrefix}.${++this.counter}`;
      const path = `/_matrix/client/v3/rooms/${enc(roomId)}/redact/${enc(eventId)}/${enc(txnId)}`;
      return (await this.client.request<{ event_id: string }>("PUT", path, { userId, body: reason ? { reason } : {} })).event_id;
    });
  }

  send(userId: string, roomId: string, type: string, content: MatrixContent, timestamp?: number): Promise<string> {
    return this.perRoom.run(roomId, async () => {
      let eventType = type;
      let body = content;
      let deviceId: string | undefined;
      if (this.encryptor && (await this.encryptor.isRoomEncrypted(roomId))) {
        const encrypted = await this.encryptor.encryptRoomEvent(userId, roomId, type, content);
        eventType = "m.room.encrypted";
        // relations stay in the clear so the homeserver can aggregate them (spec: "m.relates_to" and encryption)
        body = content["m.relates_to"] ? { ...encrypted.content, "m.relates_to": content["m.relates_to"] } : encrypted.content;
        deviceId = encrypted.deviceId;
      }
      const txnId = `${this.txnPrefix}.${++this.counter}`;
      const path = `/_matrix/client/v3/rooms/${enc(roomId)}/send/${enc(eventType)}/${enc(txnId)}`;
      // `ts` (appservices only) keeps the network's time on the event
      const result = await this.client.request<{ event_id: string }>("PUT", path, { userId, deviceId, body, query: { ts: timestamp } });
      return result.event_id;
    });
  }
}
