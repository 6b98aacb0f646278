import { getLogger } from "../../logging/logger";
import type { BridgedRoomRecord, IdentityKey, PersonIdentityRecord, PersonRecord, PortalRecord } from "../../store/records";
import type { GhostService } from "../ghosts/ghost-service";
import type { MatrixPort } from "../matrix-port";
import type { ChatKey } from "../networks/connector";
import type { NetworkRegistry } from "../networks/registry";
import type { PortalService } from "../portals/portal-service";
import { formatIdentity } from "./identity";

const log = getLogger("links");

export interface PersonStorePort {
  personOf(identity: IdentityKey): Promise<PersonRecord | null>;
  identities(personId: string): Promise<PersonIdentityRecord[]>;
  link(first: IdentityKey, second: IdentityKey, linkedBy: string, name: string | null): Promise<PersonRecord | null>;
  unlink(identity: IdentityKey): Promise<PersonIdentityRecord[]>;
}

export interface BridgedRoomStorePort {
  get(roomId: string): Promise<BridgedRoomRecord | null>;
  getByPerson(personId: string): Promise<BridgedRoomRecord | null>;
  upsert(room: Omit<BridgedRoomRecord, "createdAt">): Promise<void>;
  delete(roomId: string): Promise<void>;
}

export interface ChatPortalsPort {
  listByChat(network: string, chatId: string): Promise<PortalRecord[]>;
}

const matrixTo = (roomId: string) => `https://matrix.to/#/${encodeURIComponent(roomId)}`;

/**
 * One person, one room: an admin links a person's identities on several networks; their chats
 * merge into one contact room (the first chat's room, so its history stays), the others' rooms are
 * tombstoned with a pointer. Never automatic: no network proves two accounts are one person.
 */
export class IdentityLinks {
  constructor(
    private readonly persons: PersonStorePort,
    private readonly rooms: BridgedRoomStorePort,
    private readonly chatPortals: ChatPortalsPort,
    private readonly portals: PortalService,
    private readonly ghosts: GhostService,
    private readonly networks: NetworkRegistry,
    private readonly matrix: MatrixPort,
  ) {}

  /** Links two identities as one person and merges their chats; the answer is for the user. */
  async link(first: IdentityKey, second: IdentityKey, linkedBy: string): Promise<string> {
    if (first.network === second.network && first.remoteId === second.remoteId) return "That is one identity twice.";
    const person = await this.persons.link(first, second, linkedBy, null);
    if (!person) return `${formatIdentity(first)} and ${formatIdentity(second)} already belong to two different persons; unlink one first.`;
    const roomId = await this.merge(person.id);
    log.info("linked two identities", { person: person.id, by: linkedBy });
    const where = roomId ? ` Their chats are now in one room: ${matrixTo(roomId)}` : " Their chats will share one room as soon as they write.";
    return `Linked ${formatIdentity(first)} and ${formatIdentity(second)} as one person.${where}`;
  }

  async unlink(identity: IdentityKey): Promise<string> {
    const person = await this.persons.personOf(identity);
    if (!person) return `${formatIdentity(identity)} is not linked to anyone.`;
    const contact = await this.rooms.getByPerson(person.id);
    const remaining = await this.persons.unlink(identity);
    if (contact) {
      for (const portal of await this.chatPortals.listByChat(identity.network, identity.remoteId)) {
        if (portal.roomId !== contact.roomId) continue;
        await this.portals.moveTo(portal, null);
        const entry = this.networks.get(portal.network);
        if (entry) await this.matrix.removeGhostFromRoom(contact.roomId, this.ghosts.userIdFor(entry, identity.remoteId)).catch(() => undefined);
      }
      if (remaining.length <= 1) await this.rooms.delete(contact.roomId);
      await this.notice(contact.roomId, `${formatIdentity(identity)} is no longer linked here; their next message opens a room of its own.`);
    }
    return `Unlinked ${formatIdentity(identity)}.`;
  }

  /** Who an identity is, and which other identities are linked to it. */
  async whois(identity: IdentityKey): Promise<string> {
    const person = await this.persons.personOf(identity);
    if (!person) return `${formatIdentity(identity)} is not linked to other identities.`;
    const identities = await this.persons.identities(person.id);
    const contact = await this.rooms.getByPerson(person.id);
    const lines = identities.map((i) => `- ${formatIdentity(i)} (linked by ${i.linkedBy})`);
    return `One person with ${identities.length} identities:\n${lines.join("\n")}${contact ? `\nContact room: ${matrixTo(contact.roomId)}` : ""}`;
  }

  /** The identities (network, remote id) whose chats are in a room: its person, or its portals. */
  async identitiesOfRoom(roomId: string): Promise<IdentityKey[]> {
    const room = await this.rooms.get(roomId);
    if (room?.personId) return (await this.persons.identities(room.personId)).map(({ network, remoteId }) => ({ network, remoteId }));
    return (await this.portals.portalsOfRoom(roomId)).map((p) => ({ network: p.network, remoteId: p.chatId }));
  }

  /** Where a chat of a linked person goes (the person's contact room), for chats that have no room yet. */
  async contactRoomFor(chat: ChatKey): Promise<string | undefined> {
    const person = await this.persons.personOf({ network: chat.network, remoteId: chat.chatId });
    if (!person) return undefined;
    return (await this.rooms.getByPerson(person.id))?.roomId ?? (await this.merge(person.id));
  }

  /** Puts every chat of the person into one contact room; returns it (none while no chat has a room). */
  private async merge(personId: string): Promise<string | undefined> {
    const identities = await this.persons.identities(personId);
    const chats: PortalRecord[] = [];
    for (const identity of identities) chats.push(...(await this.chatPortals.listByChat(identity.network, identity.remoteId)));
    const existing = await this.rooms.getByPerson(personId);
    const withRooms = chats.filter((p) => p.roomId).sort((a, b) => a.createdAt - b.createdAt);
    const roomId = existing?.roomId ?? withRooms[0]?.roomId ?? undefined;
    if (!roomId) return undefined;
    await this.rooms.upsert({ roomId, kind: "contact", personId, outgoingNetwork: existing?.outgoingNetwork ?? null });
    for (const portal of withRooms) {
      if (portal.roomId === roomId) continue;
      await this.moveIntoContactRoom(portal, roomId);
    }
    await this.notice(
      roomId,
      `This room is now one conversation with ${identities.map(formatIdentity).join(" and ")}. Replies go out on the network they last wrote from while it can deliver; \`via <network>\` chooses one.`,
    );
    return roomId;
  }

  private async moveIntoContactRoom(portal: PortalRecord, contactRoomId: string): Promise<void> {
    const entry = this.networks.get(portal.network);
    const oldRoomId = portal.roomId;
    if (entry) await this.matrix.addGhostToRoom(contactRoomId, this.ghosts.userIdFor(entry, portal.chatId));
    await this.portals.moveTo(portal, contactRoomId);
    if (!oldRoomId) return;
    const text = `This chat now continues in the person's contact room: ${matrixTo(contactRoomId)}`;
    await this.notice(oldRoomId, text);
    if (entry) await this.matrix.removeGhostFromRoom(oldRoomId, this.ghosts.userIdFor(entry, portal.chatId)).catch(() => undefined);
    await this.matrix.tombstoneRoom(oldRoomId, contactRoomId, text);
  }

  private async notice(roomId: string, body: string): Promise<void> {
    await this.matrix.sendEvent(this.matrix.botUserId, roomId, "m.room.message", { msgtype: "m.notice", body });
  }
}
