import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface GhostRow {
  network: string;
  remoteId: string;
  userId: string;
  displayName: string | null;
  avatarUrl: string | null;
  avatarSource: string | null;
  registered: boolean;
  profileUpdatedAt: number | null;
  createdAt: number;
}

export const GhostEntity = new EntitySchema<GhostRow>({
  name: "Ghost",
  tableName: "ghosts",
  columns: {
    network: { type: "varchar", length: 32, primary: true },
    remoteId: { name: "remote_id", type: "varchar", length: 255, primary: true },
    userId: { name: "user_id", type: "varchar", length: 255 },
    displayName: { name: "display_name", type: "text", nullable: true },
    avatarUrl: { name: "avatar_url", type: "text", nullable: true },
    avatarSource: { name: "avatar_source", type: "text", nullable: true },
    registered: { type: "boolean", default: false },
    profileUpdatedAt: {
      name: "profile_updated_at",
      type: "bigint",
      nullable: true,
      transformer: epochMillisTransformer,
    },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
  uniques: [{ name: "UQ_ghosts_user_id", columns: ["userId"] }],
});
