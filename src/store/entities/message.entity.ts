import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface MessageRow {
  network: string;
  remoteId: string;
  partId: string;
  chatId: string;
  receiver: string;
  roomId: string;
  eventId: string;
  senderId: string | null;
  timestamp: number;
}

export const MessageEntity = new EntitySchema<MessageRow>({
  name: "Message",
  tableName: "messages",
  columns: {
    network: { type: "varchar", length: 32, primary: true },
    remoteId: { name: "remote_id", type: "varchar", length: 255, primary: true },
    partId: { name: "part_id", type: "varchar", length: 64, primary: true, default: "" },
    chatId: { name: "chat_id", type: "varchar", length: 255 },
    receiver: { type: "varchar", length: 255 },
    roomId: { name: "room_id", type: "varchar", length: 255 },
    eventId: { name: "event_id", type: "varchar", length: 255 },
    senderId: { name: "sender_id", type: "varchar", length: 255, nullable: true },
    timestamp: { type: "bigint", transformer: epochMillisTransformer },
  },
  // one Matrix event maps to one message per network (a relayed message reaches several)
  uniques: [{ name: "UQ_messages_network_event_id", columns: ["network", "eventId"] }],
  indices: [{ name: "IDX_messages_chat_time", columns: ["network", "chatId", "receiver", "timestamp"] }],
});
