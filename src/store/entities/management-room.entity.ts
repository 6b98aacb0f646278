import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface ManagementRoomRow {
  roomId: string;
  userId: string;
  createdAt: number;
}

export const ManagementRoomEntity = new EntitySchema<ManagementRoomRow>({
  name: "ManagementRoom",
  tableName: "management_rooms",
  columns: {
    roomId: { name: "room_id", type: "varchar", length: 255, primary: true },
    userId: { name: "user_id", type: "varchar", length: 255 },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
  indices: [{ name: "IDX_management_rooms_user_id", columns: ["userId"] }],
});
