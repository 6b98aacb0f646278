import type { PortalRecord } from "../../store/records";
import { canSendTemplates, hasWindowRules } from "../networks/capabilities";
import type { MessageTemplate } from "../networks/connector";
import { NetworkError } from "../networks/network-error";
import type { NetworkRegistry } from "../networks/registry";
import type { PortalService } from "../portals/portal-service";
import type { BridgedRoomStorePort } from "./identity-links";
import { chooseOutgoing } from "./outgoing-choice";
import { describeWindow, windowState, type WindowState } from "./window";

/** What a room is bridged to, each chat's messaging window, and message templates where they exist. */
export class RoomStatus {
  constructor(
    private readonly portals: PortalService,
    private readonly rooms: BridgedRoomStorePort,
    private readonly networks: NetworkRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  async describe(roomId: string): Promise<string> {
    const portals = await this.portals.portalsOfRoom(roomId);
    if (!portals.length) return "This room is not bridged to any chat.";
    const room = await this.rooms.get(roomId);
    const lines = portals.map((p) => {
      const entry = this.networks.get(p.network);
      const label = entry?.connector.label ?? p.network;
      const who = entry ? entry.connector.describeUser(p.chatId) : p.chatId;
      return `**${label}** ${who} through account ${p.receiver}: messaging window ${describeWindow(this.windowOf(p), this.now())}`;
    });
    if (room?.kind === "contact") {
      const choice = chooseOutgoing({ candidates: portals.map((portal) => ({ portal, window: this.windowOf(portal) })), chosenNetwork: room.outgoingNetwork });
      const outgoing = "portal" in choice ? `${choice.portal.network}${choice.why === "chosen" ? " (chosen with `via`)" : ""}` : "none can deliver now";
      lines.push(`Replies go out on: ${outgoing}`);
    }
    return lines.join("\n");
  }

  async templates(roomId: string): Promise<{ portal: PortalRecord; templates: MessageTemplate[] } | string> {
    const portal = await this.templatePortal(roomId);
    if (typeof portal === "string") return portal;
    const entry = this.networks.get(portal.network)!;
    if (!canSendTemplates(entry.connector)) return "No network here has message templates.";
    try {
      return { portal, templates: (await entry.connector.listTemplates(portal.receiver)).filter((t) => t.status === "APPROVED") };
    } catch (err) {
      if (err instanceof NetworkError) return err.userMessage;
      throw err;
    }
  }

  /** The portal of the room whose network sends templates (WhatsApp). */
  async templatePortal(roomId: string): Promise<PortalRecord | string> {
    for (const portal of await this.portals.portalsOfRoom(roomId)) {
      const entry = this.networks.get(portal.network);
      if (entry && canSendTemplates(entry.connector)) return portal;
    }
    return "No chat here is on a network with message templates (WhatsApp).";
  }

  private windowOf(portal: PortalRecord): WindowState {
    const entry = this.networks.get(portal.network);
    if (!entry || !hasWindowRules(entry.connector)) return { state: "unknown" };
    return windowState(entry.connector.messagingWindow(), portal.lastInboundAt, this.now());
  }
}
