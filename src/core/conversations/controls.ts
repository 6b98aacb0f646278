import type { IdentityKey } from "../../store/records";
import type { NetworkRegistry } from "../networks/registry";
import type { GroupRooms } from "./group-rooms";
import { parseIdentity } from "./identity";
import type { IdentityLinks } from "./identity-links";
import type { RoomStatus } from "./room-status";
import type { TemplateSender } from "./template-sender";

/**
 * The conversation commands' work, from their words: identity links, group rooms, the outgoing
 * network, windows and templates. Each answer is a sentence for the user ("" when the action
 * already speaks for itself in the room).
 */
export class ConversationControls {
  constructor(
    private readonly networks: NetworkRegistry,
    private readonly links: IdentityLinks,
    private readonly groups: GroupRooms,
    private readonly status: RoomStatus,
    private readonly templates: TemplateSender,
  ) {}

  /** `link <net>:<id>` in a portal (with the room's person) or `link <net>:<id> <net>:<id>` anywhere. */
  async link(roomId: string, args: string[], by: string): Promise<string> {
    if (args.length === 0 || args.length > 2) return "Usage: `link <network>:<id>` in a chat's room, or `link <network>:<id> <network>:<id>`.";
    const parsed = args.map((a) => parseIdentity(a, this.networks));
    const error = parsed.find((p): p is { error: string } => "error" in p);
    if (error) return error.error;
    const identities = parsed as IdentityKey[];
    if (identities.length === 1) {
      const here = (await this.links.identitiesOfRoom(roomId))[0];
      if (!here) return "This room is not a chat's room: name both identities, `link <network>:<id> <network>:<id>`.";
      identities.unshift(here);
    }
    return this.links.link(identities[0]!, identities[1]!, by);
  }

  async unlink(_roomId: string, args: string[]): Promise<string> {
    const identity = args.length === 1 ? parseIdentity(args[0]!, this.networks) : { error: "Usage: `unlink <network>:<id>`." };
    return "error" in identity ? identity.error : this.links.unlink(identity);
  }

  async whois(roomId: string, args: string[]): Promise<string> {
    if (args.length) {
      const identity = parseIdentity(args[0]!, this.networks);
      return "error" in identity ? identity.error : this.links.whois(identity);
    }
    const here = await this.links.identitiesOfRoom(roomId);
    if (!here.length) return "Usage: `whois <network>:<id>` (or in a chat's room, `whois`).";
    return this.links.whois(here[0]!);
  }

  async via(roomId: string, args: string[]): Promise<string> {
    const network = args[0]?.toLowerCase();
    if (!network) return "Usage: `via <network>` or `via auto`.";
    return this.groups.chooseOutgoing(roomId, network === "auto" ? null : network);
  }

  async bridge(roomId: string, args: string[]): Promise<string> {
    const [network, chat, account] = args;
    if (!network || !chat) return "Usage: `bridge <network> <chat id> [account id]`.";
    const identity = parseIdentity(`${network}:${chat}`, this.networks);
    if ("error" in identity) return identity.error;
    return this.groups.bridge(roomId, identity.network, identity.remoteId, account);
  }

  async unbridge(roomId: string, args: string[]): Promise<string> {
    const [network, chat] = args;
    if (!network) return "Usage: `unbridge <network> [chat id]`.";
    const chatId = chat ? parseIdentity(`${network}:${chat}`, this.networks) : undefined;
    if (chatId && "error" in chatId) return chatId.error;
    return this.groups.unbridge(roomId, network, chatId?.remoteId);
  }

  roomStatus(roomId: string): Promise<string> {
    return this.status.describe(roomId);
  }

  listTemplates(roomId: string): Promise<string> {
    return this.templates.list(roomId);
  }

  async sendTemplate(roomId: string, args: string[]): Promise<string> {
    const [name, language, ...parameters] = args;
    if (!name || !language) return "Usage: `template <name> <language> [parameters…]` (see `templates`).";
    return this.templates.send(roomId, name, language, parameters);
  }
}
