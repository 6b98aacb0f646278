import { randomBytes } from "node:crypto";
import type { MatrixContent } from "../core/matrix-port";
import { KeyedSerialQueue } from "../core/queue/keyed-serial-queue";
import { enc, type HomeserverClient } from "./homeserver-client";

/**
 * Every event the bridge sends goes through here, one at a time per room: concurrent sends into
 * one room fork its history on Synapse (see PLATFORM-FACTS), whoever sends them.
 */
export class RoomSender {
  private readonly perRoom = new KeyedSerialQueue();
  private readonly txnPrefix = randomBytes(6).toString("hex");
  private counter = 0;

  constructor(private readonly client: HomeserverClient) {}

  send(userId: string, roomId: string, type: string, content: MatrixContent, timestamp?: number): Promise<string> {
    const txnId = `${this.txnPrefix}.${++this.counter}`;
    const path = `/_matrix/client/v3/rooms/${enc(roomId)}/send/${enc(type)}/${enc(txnId)}`;
    return this.perRoom.run(roomId, async () => {
      // `ts` (appservices only) keeps the network's time on the event
      const result = await this.client.request<{ event_id: string }>("PUT", path, { userId, body: content, query: { ts: timestamp } });
      return result.event_id;
    });
  }
}
