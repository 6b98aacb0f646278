import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface LoginRow {
  network: string;
  loginId: string;
  displayName: string | null;
  /** JSON object. */
  metadata: string;
  createdAt: number;
}

export const LoginEntity = new EntitySchema<LoginRow>({
  name: "Login",
  tableName: "logins",
  columns: {
    network: { type: "varchar", length: 32, primary: true },
    loginId: { name: "login_id", type: "varchar", length: 255, primary: true },
    displayName: { name: "display_name", type: "text", nullable: true },
    metadata: { type: "text", default: "{}" },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
