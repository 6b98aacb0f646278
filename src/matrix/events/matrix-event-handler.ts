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
import type { MatrixRoomEvent } from "../../core/messages/outbound/matrix-room-event";
import type { EncryptedEvents } from "./encrypted-events";

const log = getLogger("events");

export interface MatrixEventHandlerOptions {
  commandPrefix: string;
  permissions: Record<string, PermissionLevel>;
  domain: string;
  /** true for the bot and every ghost: their events are our own echoes */
  isBridgeUser(userId: string): boolean;
  /** a user's event in a room that is not a management room; false when no portal is there */
  portalEvent(event: MatrixRoomEvent): Promise<boolean>;
  /** decrypts users' encrypted events (encryption enabled) */
  encrypted?: EncryptedEvents;
  /** room state the E2EE engine follows: memberships and m.room.encryption */
  observeMembership?(roomId: string, userId: string, membership: string): Promise<void>;
  observeEncryption?(roomId: string, content: Record<string, unknown>): Promise<void>;
  observeHistoryVisibility?(roomId: string, visibility: string): Promise<void>;
}

/** When and how often the inbox has seen the event (for bounded waits). */
export interface EventContext {
  receivedAt: number;
  attempts: number;
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

  async handle(event: RoomEvent, context: EventContext = { receivedAt: Date.now(), attempts: 0 }): Promise<void> {
    if (event.type === "m.room.member") return this.onMember(event);
    if (event.type === "m.room.encryption" && event.state_key === "") return this.options.observeEncryption?.(event.room_id, event.content);
    if (event.type === "m.room.history_visibility" && event.state_key === "" && typeof event.content.history_visibility === "string") {
      return this.options.observeHistoryVisibility?.(event.room_id, event.content.history_visibility);
    }
    if (this.options.isBridgeUser(event.sender)) return;
    if (event.type === "m.room.encrypted" && this.options.encrypted) return this.onEncrypted(event, context, this.options.encrypted);
    return this.onUserEvent(event);
  }

  private async onUserEvent(event: RoomEvent): Promise<void> {
    if (event.type === "m.room.message") return this.onMessage(event);
    if (event.type === "m.reaction" || event.type === "m.sticker" || event.type === "m.room.redaction") {
      const redacts = event.redacts ?? (typeof event.content.redacts === "string" ? event.content.redacts : undefined);
      await this.options.portalEvent({ roomId: event.room_id, eventId: event.event_id, sender: event.sender, type: event.type, content: event.content, redacts });
    }
  }

  private async onEncrypted(event: RoomEvent, context: EventContext, encrypted: EncryptedEvents): Promise<void> {
    const outcome = await encrypted.decrypt(event, context.receivedAt, context.attempts);
    if ("event" in outcome) return this.onUserEvent(outcome.event);
    await this.bot.send(event.room_id, {
      ...renderNotice(`Your message was not bridged: ${outcome.failed}.`),
      "m.relates_to": { "m.in_reply_to": { event_id: event.event_id } },
    });
  }

  private async onMember(event: RoomEvent): Promise<void> {
    const membership = event.content.membership;
    if (typeof event.state_key === "string" && typeof membership === "string") {
      await this.options.observeMembership?.(event.room_id, event.state_key, membership);
    }
    if (event.state_key === this.bot.userId && membership === "invite") {
      if (this.options.isBridgeUser(event.sender)) return;
      return this.invites.onInvite(event);
    }
    if (membership === "leave" || membership === "ban") return this.invites.onMembershipEnded(event);
  }

  private async onMessage(event: RoomEvent): Promise<void> {
    const { msgtype, body } = event.content;
    const relation = event.content["m.relates_to"] as { rel_type?: string } | undefined;
    const management = await this.rooms.get(event.room_id);
    // other bots' notices are never commands (no bot loops), nor are edits of earlier messages
    const commandLike = typeof body === "string" && msgtype === "m.text" && relation?.rel_type !== "m.replace";
    const parsed = commandLike ? parseCommand(body, this.options.commandPrefix, management !== null) : undefined;
    if (!parsed) {
      if (management) {
        if (msgtype !== "m.notice" && relation?.rel_type !== "m.replace") await this.reply(event.room_id, "I only understand text commands. Send `help` to see them.");
        return;
      }
      const handled = await this.options.portalEvent({ roomId: event.room_id, eventId: event.event_id, sender: event.sender, type: event.type, content: event.content });
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
