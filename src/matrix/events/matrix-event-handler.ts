import type { PermissionLevel } from "../../config/schema";
import { getLogger } from "../../logging/logger";
import type { RoomEvent } from "../appservice/transaction-body";
import type { BotClient } from "../bot/bot-client";
import type { InviteHandler } from "../bot/invite-handler";
import type { ManagementRoomsPort } from "../bot/management-rooms";
import { renderNotice } from "../bot/notice-format";
import { permissionFor } from "../../core/permissions";
import { parseCommand } from "../commands/parse";
import type { CommandRegistry } from "../commands/registry";
import type { MatrixMessage } from "../../core/messages/outbound-relay";

const log = getLogger("events");

export interface MatrixEventHandlerOptions {
  commandPrefix: string;
  permissions: Record<string, PermissionLevel>;
  domain: string;
  /** true for the bot and every ghost: their events are our own echoes */
  isBridgeUser(userId: string): boolean;
  /** a user's message in a room that is not a management room; false when no portal is there */
  portalMessage(message: MatrixMessage): Promise<boolean>;
}

/** Routes one room event from the homeserver (already persisted) to whoever handles it. */
export class MatrixEventHandler {
  constructor(
    private readonly bot: BotClient,
    private readonly invites: InviteHandler,
    private readonly rooms: ManagementRoomsPort,
    private readonly commands: CommandRegistry,
    private readonly options: MatrixEventHandlerOptions,
  ) {}

  async handle(event: RoomEvent): Promise<void> {
    if (event.type === "m.room.member") return this.onMember(event);
    if (this.options.isBridgeUser(event.sender)) return;
    if (event.type === "m.room.message") return this.onMessage(event);
  }

  private async onMember(event: RoomEvent): Promise<void> {
    const membership = event.content.membership;
    if (event.state_key === this.bot.userId && membership === "invite") {
      if (this.options.isBridgeUser(event.sender)) return;
      return this.invites.onInvite(event);
    }
    if (membership === "leave" || membership === "ban") return this.invites.onMembershipEnded(event);
  }

  private async onMessage(event: RoomEvent): Promise<void> {
    const { msgtype, body } = event.content;
    if (msgtype === "m.notice") return; // other bots' output: never answer it (no bot loops)
    const relation = event.content["m.relates_to"] as { rel_type?: string } | undefined;
    if (relation?.rel_type === "m.replace") return; // an edit of an earlier command
    const management = await this.rooms.get(event.room_id);
    const parsed = typeof body === "string" && msgtype === "m.text" ? parseCommand(body, this.options.commandPrefix, management !== null) : undefined;
    if (!parsed) {
      if (management) {
        await this.reply(event.room_id, "I only understand text commands. Send `help` to see them.");
        return;
      }
      const handled = await this.options.portalMessage({ roomId: event.room_id, eventId: event.event_id, sender: event.sender, content: event.content });
      if (!handled) log.debug("message in a room the bridge does not bridge", { roomId: event.room_id, eventId: event.event_id });
      return;
    }
    const permission = permissionFor(event.sender, this.options.permissions, this.options.domain);
    log.info("running a command", { command: parsed.name, roomId: event.room_id, sender: event.sender });
    await this.commands.run(parsed.name, {
      sender: event.sender,
      roomId: event.room_id,
      permission,
      args: parsed.args,
      reply: (markup) => this.reply(event.room_id, markup),
    });
  }

  private async reply(roomId: string, markup: string): Promise<void> {
    await this.bot.send(roomId, renderNotice(markup));
  }
}
