import type { PermissionLevel } from "../../../config/permission-levels";
import { getLogger } from "../../../logging/logger";
import type { BridgedRoomRecord, PortalRecord } from "../../../store/records";
import { rankOutgoing, type PortalWindow } from "../../conversations/outgoing-choice";
import { describeWindow, windowState, type WindowState } from "../../conversations/window";
import { fromPlainText, type RichText } from "../../formatting/rich-text";
import type { MatrixPort } from "../../matrix-port";
import { canSendLocation, hasWindowRules } from "../../networks/capabilities";
import type { ChatKey, OutgoingMessage, SendResult } from "../../networks/connector";
import { NetworkError } from "../../networks/network-error";
import type { NetworkEntry, NetworkRegistry } from "../../networks/registry";
import { atLeast, networkPermissionFor } from "../../permissions";
import type { PortalService } from "../../portals/portal-service";
import { fromMatrixMessage } from "../matrix-content";
import { partId, type MessageMapPort } from "../message-map";
import { SendFeedback } from "./feedback";
import type { MatrixRoomEvent } from "./matrix-room-event";
import { OutboundMedia, type MediaPublisher } from "./outbound-media";
import { OutboundReactions, type OutboundReactionStore } from "./outbound-reactions";

const log = getLogger("outbound");

const TEXT_KINDS: Record<string, OutgoingMessage["kind"]> = { "m.text": "text", "m.notice": "notice", "m.emote": "emote" };
const MEDIA_MSGTYPES = new Set(["m.image", "m.video", "m.audio", "m.file"]);

export interface BridgedRoomsPort {
  get(roomId: string): Promise<BridgedRoomRecord | null>;
}

export interface OutboundOptions {
  globalPermissions: Record<string, PermissionLevel>;
  networkPermissions(network: string): Record<string, PermissionLevel>;
  /** public URLs for files, for networks that only take files by URL */
  publisher?: MediaPublisher;
  now?: () => number;
}

/** What a handler gets: the event, the portal it goes to, and that portal's network. */
export interface OutboundContext {
  event: MatrixRoomEvent;
  portal: PortalRecord;
  entry: NetworkEntry;
  chat: ChatKey;
  /** set when relaying another network's person: how their words read on this network */
  attribute?: (body: RichText) => RichText;
  /** sends plain words to the chat (fallbacks), recorded against the event */
  sendText(content: RichText): Promise<void>;
}

/**
 * Events in a portal room go to the chat through the portal's account: text, files, locations,
 * reactions. In a contact room (one person on several networks) one network is chosen; in a group
 * room every chat gets it. Nothing is sent blindly outside a network's messaging window. Whatever
 * cannot be delivered gets a notice in reply saying why (nothing is dropped silently); what was
 * delivered gets the bridge bot's read receipt.
 */
export class OutboundRelay {
  private readonly feedback: SendFeedback;
  private readonly media: OutboundMedia;
  private readonly reactions: OutboundReactions;
  private readonly now: () => number;

  constructor(
    private readonly networks: NetworkRegistry,
    private readonly portals: PortalService,
    private readonly rooms: BridgedRoomsPort,
    private readonly messages: MessageMapPort,
    private readonly matrix: MatrixPort,
    reactionStore: OutboundReactionStore,
    private readonly options: OutboundOptions,
  ) {
    this.feedback = new SendFeedback(matrix);
    this.media = new OutboundMedia(matrix, this.feedback, options.publisher);
    this.reactions = new OutboundReactions(messages, reactionStore, this.feedback);
    this.now = options.now ?? Date.now;
  }

  /** A Matrix user's event. Returns false when the room is not a portal (someone else's business). */
  async handle(event: MatrixRoomEvent): Promise<boolean> {
    const portals = await this.portals.portalsOfRoom(event.roomId);
    if (!portals.length) return false;
    const room = await this.rooms.get(event.roomId);
    if (room?.kind === "contact") {
      await this.toContact(room, portals, event);
      return true;
    }
    for (const portal of portals) {
      if (await this.messages.getByEventId(event.eventId, portal.network)) continue; // sent before a restart
      await this.relay(portal, event);
    }
    return true;
  }

  /**
   * A person's event from one network, already in Matrix, to the other chats of a group room,
   * attributed with `attribute`. Nothing in a portal or contact room (the person is alone there).
   */
  async relayFromNetwork(source: PortalRecord, event: MatrixRoomEvent, attribute: (body: RichText) => RichText): Promise<void> {
    const room = await this.rooms.get(event.roomId);
    if (room?.kind !== "group") return;
    for (const portal of await this.portals.portalsOfRoom(event.roomId)) {
      const same = portal.network === source.network && portal.chatId === source.chatId && portal.receiver === source.receiver;
      if (same || (await this.messages.getByEventId(event.eventId, portal.network))) continue;
      await this.relay(portal, event, attribute);
    }
  }


  /**
   * A contact room's event goes out on one of the person's networks: the best one that takes it
   * (a network refusing for its messaging window passes it on to the next); if none can, the
   * sender is told each network's state.
   */
  private async toContact(room: BridgedRoomRecord, portals: PortalRecord[], event: MatrixRoomEvent): Promise<void> {
    if ((await this.messages.listByEventId(event.eventId)).length) return; // sent before a restart
    const candidates: PortalWindow[] = portals.map((portal) => ({ portal, window: this.windowOf(portal) }));
    const replyToNetwork = await this.replyNetwork(event);
    for (const { portal } of rankOutgoing({ candidates, replyToNetwork, chosenNetwork: room.outgoingNetwork })) {
      if ((await this.relay(portal, event, undefined, { passOnWindowClosed: true })) !== "window-closed") return;
    }
    const lines = candidates.map((c) => {
      const entry = this.networks.get(c.portal.network);
      const rules = entry && hasWindowRules(entry.connector) ? entry.connector.messagingWindow() : undefined;
      return `${entry?.connector.label ?? c.portal.network}: ${describeWindow(c.window, this.now())}${rules ? `; outside it: ${rules.outsideWindow}` : ""}`;
    });
    await this.feedback.notice(event.roomId, event.eventId, `Not delivered: no network can reach this person now.\n${lines.join("\n")}`);
  }

  private async replyNetwork(event: MatrixRoomEvent): Promise<string | undefined> {
    const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string }; event_id?: string } | undefined;
    const target = relation?.["m.in_reply_to"]?.event_id ?? (event.type === "m.reaction" ? relation?.event_id : undefined) ?? event.redacts;
    if (!target) return undefined;
    return (await this.messages.listByEventId(target))[0]?.network;
  }

  private windowOf(portal: PortalRecord): WindowState {
    const entry = this.networks.get(portal.network);
    if (!entry || !hasWindowRules(entry.connector)) return { state: "unknown" };
    return windowState(entry.connector.messagingWindow(), portal.lastInboundAt, this.now());
  }

  /**
   * Sends one event to one chat. With `passOnWindowClosed`, a messaging window that is closed (by
   * the bridge's clock or the network's answer) is reported to the caller instead of the user.
   */
  private async relay(
    portal: PortalRecord,
    event: MatrixRoomEvent,
    attribute?: (body: RichText) => RichText,
    options: { passOnWindowClosed?: boolean } = {},
  ): Promise<"done" | "window-closed"> {
    const entry = this.networks.get(portal.network);
    if (!entry) {
      await this.feedback.notice(event.roomId, event.eventId, `Not delivered: the ${portal.network} network is not enabled on this bridge.`);
      return "done";
    }
    const label = entry.connector.label;
    if (!attribute) {
      const permission = networkPermissionFor(event.sender, this.options.globalPermissions, this.options.networkPermissions(portal.network), this.matrix.domain);
      if (!atLeast(permission, "user")) {
        await this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: you are not allowed to use ${label} through this bridge.`);
        return "done";
      }
    }
    const window = this.windowOf(portal);
    if (window.state === "closed" && event.type !== "m.room.redaction") {
      if (options.passOnWindowClosed) return "window-closed";
      const rules = hasWindowRules(entry.connector) ? entry.connector.messagingWindow() : undefined;
      await this.feedback.notice(
        event.roomId,
        event.eventId,
        `Not delivered to ${label}: the person last wrote too long ago (their messaging window is ${describeWindow(window, this.now())}). ${rules ? `Outside it ${label} allows ${rules.outsideWindow}.` : ""}`.trim(),
      );
      return "done";
    }
    const chat = { network: portal.network, chatId: portal.chatId, receiver: portal.receiver };
    const context: OutboundContext = {
      event,
      portal,
      entry,
      chat,
      attribute,
      sendText: async (content) => {
        const result = await entry.connector.sendMessage(chat, { kind: "text", content, lastInboundAt: portal.lastInboundAt ?? undefined });
        await this.record(context, result, false);
      },
    };
    try {
      await this.dispatch(context);
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      log.warn("the network refused an event", { network: portal.network, roomId: event.roomId, reason: err.reason, detail: err.detail });
      if (err.reason === "window-closed" && options.passOnWindowClosed) return "window-closed";
      await this.feedback.notice(event.roomId, event.eventId, `Not ${attribute ? "relayed" : "delivered"} to ${label}: ${err.userMessage}`);
    }
    return "done";
  }

  private async dispatch(context: OutboundContext): Promise<void> {
    const { event, entry, attribute } = context;
    const label = entry.connector.label;
    const lastInboundAt = context.portal.lastInboundAt ?? undefined;
    if (event.type === "m.reaction") return this.reactions.react(context);
    if (event.type === "m.room.redaction") return this.redaction(context);
    const relation = event.content["m.relates_to"] as { rel_type?: string } | undefined;
    if (relation?.rel_type === "m.replace") {
      if (attribute) return context.sendText(attribute([...fromPlainText("edited: "), ...fromMatrixMessage(newContent(event.content))]));
      return this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: ${label} does not let the bridge edit messages; send a new message instead.`);
    }
    const { replyTo, quote } = await this.replyTarget(context);
    if (event.type === "m.sticker") return this.record(context, await this.media.send(context, "sticker", replyTo));
    const msgtype = String(event.content.msgtype ?? "");
    if (TEXT_KINDS[msgtype]) {
      let text = fromMatrixMessage(event.content);
      if (quote) text = [...quote, ...text];
      if (attribute) text = attribute(text);
      return this.record(context, await entry.connector.sendMessage(context.chat, { kind: TEXT_KINDS[msgtype], content: text, replyToMessageId: replyTo, lastInboundAt }));
    }
    if (MEDIA_MSGTYPES.has(msgtype)) return this.record(context, await this.media.send(context, msgtype.slice(2) as "image", replyTo));
    if (msgtype === "m.location") return this.location(context, replyTo);
    return this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: this bridge does not carry ${msgtype || "this kind of"} messages.`);
  }

  private async location(context: OutboundContext, replyTo: string | undefined): Promise<void> {
    const { event, entry, chat } = context;
    const geo = /^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(String(event.content.geo_uri ?? ""));
    if (!geo) return this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${entry.connector.label}: the location has no valid geo: URI.`);
    const [latitude, longitude] = [Number(geo[1]), Number(geo[2])];
    if (canSendLocation(entry.connector) && !context.attribute) {
      const name = typeof event.content.body === "string" ? event.content.body : undefined;
      return this.record(context, await entry.connector.sendLocation(chat, { latitude, longitude, name }, replyTo));
    }
    // networks without locations (and relays, which need words around them) get a map link
    const text = fromPlainText(`Location: https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}`);
    const content = context.attribute ? context.attribute(text) : text;
    return this.record(context, await entry.connector.sendMessage(chat, { kind: "text", content, replyToMessageId: replyTo, lastInboundAt: context.portal.lastInboundAt ?? undefined }));
  }

  private async redaction(context: OutboundContext): Promise<void> {
    const { event, entry, portal } = context;
    if (!event.redacts) return;
    if (await this.reactions.takeBack(context, event.redacts)) return;
    const message = await this.messages.getByEventId(event.redacts, portal.network);
    if (!message) return; // never bridged there: nothing to take back on the network
    if (context.attribute) return context.sendText(context.attribute(fromPlainText("deleted a message")));
    const label = entry.connector.label;
    await this.feedback.notice(event.roomId, event.redacts, `Not deleted on ${label}: ${label} does not let the bridge unsend messages; the person can still see it.`);
  }

  /** Records what the network stored in the message map, and tells the sender it was delivered. */
  private async record(context: OutboundContext, result: SendResult | undefined, receipt = true): Promise<void> {
    if (!result) return;
    const { event, portal } = context;
    const timestamp = result.timestamp ?? this.now();
    for (const [index, remoteId] of result.messageIds.entries()) {
      await this.messages.insert({
        network: portal.network,
        remoteId,
        partId: partId(index),
        chatId: portal.chatId,
        receiver: portal.receiver,
        roomId: event.roomId,
        eventId: index === 0 ? event.eventId : `${event.eventId}#${index}`,
        senderId: null,
        timestamp,
      });
    }
    log.debug("bridged an event to the network", { network: portal.network, eventId: event.eventId, parts: result.messageIds.length });
    if (receipt && !context.attribute) await this.feedback.delivered(event.roomId, event.eventId);
  }

  /**
   * What a reply answers: the network's message when the bridge carried it there, else (a message
   * the network never saw) a quote of it to put before the text.
   */
  private async replyTarget(context: OutboundContext): Promise<{ replyTo?: string; quote?: RichText }> {
    const relation = context.event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
    const eventId = relation?.["m.in_reply_to"]?.event_id;
    if (!eventId) return {};
    const original = await this.messages.getByEventId(eventId, context.portal.network);
    if (original) return { replyTo: original.remoteId };
    const quoted = await this.matrix.getEvent(context.event.roomId, eventId);
    const body = typeof quoted?.content.body === "string" ? quoted.content.body : undefined;
    if (!quoted || !body) return {};
    return { quote: [{ t: "quote", children: fromPlainText(`${quoted.sender}: ${body}`) }] };
  }
}

/** The replacement content of an edit (m.new_content), or the event's own. */
function newContent(content: Record<string, unknown>): Record<string, unknown> {
  const replacement = content["m.new_content"];
  return typeof replacement === "object" && replacement !== null ? (replacement as Record<string, unknown>) : content;
}
