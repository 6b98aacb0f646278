import type { ManagementRoomRecord } from "../../store/records";

/** The store's management-room table, as the bot uses it. */
export interface ManagementRoomsPort {
  get(roomId: string): Promise<ManagementRoomRecord | null>;
  /** idempotent */
  add(roomId: string, userId: string): Promise<unknown>;
  remove(roomId: string): Promise<unknown>;
}
