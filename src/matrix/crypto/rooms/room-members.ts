import { enc } from "../../homeserver-client";
import type { CryptoContext } from "../context";
import { isObject, isString } from "../types";
import type { RoomSettings } from "./room-settings";

interface MembersResponse {
  chunk?: unknown[];
}

/**
 * Who is in each room, for deciding whom to share room keys with: loaded from the homeserver on first
 * use, then kept current from the membership events the bridge sees.
 */
export class RoomMembers {
  private readonly rooms = new Map<string, Map<string, string>>();
  private readonly loading = new Map<string, Promise<Map<string, string>>>();

  constructor(
    private readonly ctx: CryptoContext,
    private readonly settings: RoomSettings,
  ) {}

  update(roomId: string, userId: string, membership: string): void {
    this.rooms.get(roomId)?.set(userId, membership);
  }

  /** Users that should receive the room key: joined members, and invited ones unless history is "joined" only. */
  async recipients(roomId: string, asUserId: string): Promise<string[]> {
    const members = await this.members(roomId, asUserId);
    const visibility = await this.settings.historyVisibility(roomId, asUserId);
    const wanted = visibility === "joined" ? ["join"] : ["join", "invite"];
    return [...members].filter(([, membership]) => wanted.includes(membership)).map(([userId]) => userId);
  }

  /** The user's membership in the room ("join", "invite", …; undefined when none). */
  async membership(roomId: string, userId: string, asUserId: string): Promise<string | undefined> {
    return (await this.members(roomId, asUserId)).get(userId);
  }

  /** Rooms whose member list is loaded in which any of the users is joined or invited (no homeserver request). */
  loadedRoomsWith(userIds: readonly string[]): string[] {
    const found: string[] = [];
    for (const [roomId, members] of this.rooms) {
      if (userIds.some((userId) => ["join", "invite"].includes(members.get(userId) ?? ""))) found.push(roomId);
    }
    return found;
  }

  private members(roomId: string, asUserId: string): Promise<Map<string, string>> {
    const known = this.rooms.get(roomId);
    if (known) return Promise.resolve(known);
    let pending = this.loading.get(roomId);
    if (!pending) {
      pending = this.load(roomId, asUserId).finally(() => this.loading.delete(roomId));
      this.loading.set(roomId, pending);
    }
    return pending;
  }

  private async load(roomId: string, asUserId: string): Promise<Map<string, string>> {
    const response = await this.ctx.client.request<MembersResponse>("GET", `/_matrix/client/v3/rooms/${enc(roomId)}/members`, {
      userId: asUserId,
      query: { not_membership: "leave" },
    });
    const members = new Map<string, string>();
    for (const event of response.chunk ?? []) {
      if (!isObject(event) || event.type !== "m.room.member" || !isString(event.state_key) || !isObject(event.content)) continue;
      if (isString(event.content.membership)) members.set(event.state_key, event.content.membership);
    }
    this.rooms.set(roomId, members);
    return members;
  }
}
