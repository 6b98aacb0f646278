import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface PortalRow {
  network: string;
  chatId: string;
  receiver: string;
  roomId: string | null;
  name: string | null;
  topic: string | null;
  avatarUrl: string | null;
  encrypted: boolean;
  lastInboundAt: number | null;
  createdAt: number;
}

export const PortalEntity = new EntitySchema<PortalRow>({
  name: "Portal",
  tableName: "portals",
  columns: {
    network: { type: "varchar", length: 32, primary: true },
    chatId: { name: "chat_id", type: "varchar", length: 255, primary: true },
    receiver: { type: "varchar", length: 255, primary: true },
    roomId: { name: "room_id", type: "varchar", length: 255, nullable: true },
    name: { type: "text", nullable: true },
    topic: { type: "text", nullable: true },
    avatarUrl: { name: "avatar_url", type: "text", nullable: true },
    encrypted: { type: "boolean", default: false },
    lastInboundAt: { name: "last_inbound_at", type: "bigint", nullable: true, transformer: epochMillisTransformer },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
  // Not unique: one Matrix room may link portals of several networks.
  indices: [{ name: "IDX_portals_room_id", columns: ["roomId"] }],
});
