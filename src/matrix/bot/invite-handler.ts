import type { PermissionLevel } from "../../config/schema";
import { getLogger } from "../../logging/logger";
import type { RoomEvent } from "../appservice/transaction-body";
import type { BotClient } from "./bot-client";
import type { ManagementRoomsPort } from "./management-rooms";
import { renderNotice } from "./notice-format";
import { atLeast, permissionFor } from "../../core/permissions";

const log = getLogger("bot");

export interface InviteHandlerOptions {
  permissions: Record<string, PermissionLevel>;
  domain: string;
}

/**
 * The bot accepts invites from users allowed to use the bridge and rejects the rest, saying why.
 * A direct chat with one user becomes that user's management room, where commands need no prefix.
 */
export class InviteHandler {
  constructor(
    private readonly bot: BotClient,
    private readonly rooms: ManagementRoomsPort,
    private readonly options: InviteHandlerOptions,
  ) {}

  async onInvite(event: RoomEvent): Promise<void> {
    const inviter = event.sender;
    const permission = permissionFor(inviter, this.options.permissions, this.options.domain);
    if (!atLeast(permission, "user")) {
      log.info("rejected an invite from a user without permission", { roomId: event.room_id, inviter });
      await this.bot.leave(event.room_id, "You are not allowed to use this bridge; ask its admin to add you to permissions in its config.");
      return;
    }
    await this.bot.join(event.room_id);
    const direct = event.content.is_direct === true || (await this.bot.joinedMemberCount(event.room_id)) <= 2;
    if (!direct) {
      log.info("joined a room on invite", { roomId: event.room_id, inviter });
      return;
    }
    await this.rooms.add(event.room_id, inviter);
    log.info("joined a management room", { roomId: event.room_id, user: inviter });
    await this.bot.send(
      event.room_id,
      renderNotice("Hello! I am the Switchboard bridge bot. Send `help` to see what I can do."),
    );
  }

  /** The bot left or was removed, or the owner left: forget the room (and leave it). */
  async onMembershipEnded(event: RoomEvent): Promise<void> {
    const room = await this.rooms.get(event.room_id);
    if (!room) return;
    if (event.state_key === this.bot.userId) {
      await this.rooms.remove(event.room_id);
      log.info("left a management room", { roomId: event.room_id });
    } else if (event.state_key === room.userId) {
      await this.rooms.remove(event.room_id);
      await this.bot.leave(event.room_id, "The management room's owner left.");
      log.info("owner left a management room; left it too", { roomId: event.room_id });
    }
  }
}
