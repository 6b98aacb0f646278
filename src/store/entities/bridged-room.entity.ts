import { EntitySchema } from "typeorm";
import type { BridgedRoomRecord } from "../records";
import { epochMillisTransformer } from "./epoch-millis";

export const BridgedRoomEntity = new EntitySchema<BridgedRoomRecord>({
  name: "BridgedRoom",
  tableName: "bridged_rooms",
  columns: {
    roomId: { name: "room_id", type: "varchar", length: 255, primary: true },
    kind: { type: "varchar", length: 16 },
    personId: { name: "person_id", type: "varchar", length: 64, nullable: true },
    outgoingNetwork: { name: "outgoing_network", type: "varchar", length: 32, nullable: true },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
  indices: [{ name: "IDX_bridged_rooms_person", columns: ["personId"] }],
});
