import type { PermissionLevel } from "../../config/schema";
import type { Permission } from "../../core/permissions";

export interface CommandContext {
  sender: string;
  roomId: string;
  permission: Permission;
  args: string[];
  /** replies in the room as the bridge bot (markup: `code`, **bold**) */
  reply(markup: string): Promise<void>;
}

export interface Command {
  name: string;
  usage?: string;
  summary: string;
  /** who may run it (default: user) */
  needs?: PermissionLevel;
  run(ctx: CommandContext): Promise<void>;
}
