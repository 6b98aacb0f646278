import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface ReactionRow {
  network: string;
  messageId: string;
  messagePart: string;
  senderId: string;
  emoji: string;
  roomId: string;
  eventId: string;
  timestamp: number;
}

export const ReactionEntity = new EntitySchema<ReactionRow>({
  name: "Reaction",
  tableName: "reactions",
  columns: {
    network: { type: "varchar", length: 32, primary: true },
    messageId: { name: "message_id", type: "varchar", length: 255, primary: true },
    messagePart: { name: "message_part", type: "varchar", length: 64, primary: true },
    senderId: { name: "sender_id", type: "varchar", length: 255, primary: true },
    emoji: { type: "varchar", length: 128, primary: true },
    roomId: { name: "room_id", type: "varchar", length: 255 },
    eventId: { name: "event_id", type: "varchar", length: 255 },
    timestamp: { type: "bigint", transformer: epochMillisTransformer },
  },
  uniques: [{ name: "UQ_reactions_network_event_id", columns: ["network", "eventId"] }],
});
