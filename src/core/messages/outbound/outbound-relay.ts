import type { PermissionLevel } from "../../../config/permission-levels";
import { getLogger } from "../../../logging/logger";
import type { PortalRecord } from "../../../store/records";
import { fromPlainText, type RichText } from "../../formatting/rich-text";
import type { MatrixPort } from "../../matrix-port";
import { canSendLocation } from "../../networks/capabilities";
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

export interface OutboundOptions {
  globalPermissions: Record<string, PermissionLevel>;
  networkPermissions(network: string): Record<string, PermissionLevel>;
  /** public URLs for files, for networks that only take files by URL */
  publisher?: MediaPublisher;
}

/** What a handler gets: the event, the portal it is in, and its network. */
export interface OutboundContext {
  event: MatrixRoomEvent;
  portal: PortalRecord;
  entry: NetworkEntry;
  chat: ChatKey;
}

/**
 * Matrix users' events in a portal go to the chat through the portal's account: text, files,
 * locations, reactions. Whatever cannot be delivered gets a notice in reply saying why (nothing
 * is dropped silently); what was delivered gets the bridge bot's read receipt.
 */
export class OutboundRelay {
  private readonly feedback: SendFeedback;
  private readonly media: OutboundMedia;
  private readonly reactions: OutboundReactions;

  constructor(
    private readonly networks: NetworkRegistry,
    private readonly portals: PortalService,
    private readonly messages: MessageMapPort,
    private readonly matrix: MatrixPort,
    reactionStore: OutboundReactionStore,
    private readonly options: OutboundOptions,
  ) {
    this.feedback = new SendFeedback(matrix);
    this.media = new OutboundMedia(matrix, this.feedback, options.publisher);
    this.reactions = new OutboundReactions(messages, reactionStore, this.feedback);
  }

  /** Returns false when the room is not a portal (someone else's business). */
  async handle(event: MatrixRoomEvent): Promise<boolean> {
    const portals = await this.portals.portalsOfRoom(event.roomId);
    if (!portals.length) return false;
    if (await this.messages.getByEventId(event.eventId)) return true; // sent before a restart
    for (const portal of portals) await this.relay(portal, event);
    return true;
  }

  private async relay(portal: PortalRecord, event: MatrixRoomEvent): Promise<void> {
    const entry = this.networks.get(portal.network);
    if (!entry) return this.feedback.notice(event.roomId, event.eventId, `Not delivered: the ${portal.network} network is not enabled on this bridge.`);
    const label = entry.connector.label;
    const permission = networkPermissionFor(event.sender, this.options.globalPermissions, this.options.networkPermissions(portal.network), this.matrix.domain);
    if (!atLeast(permission, "user")) {
      return this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: you are not allowed to use ${label} through this bridge.`);
    }
    const context: OutboundContext = { event, portal, entry, chat: { network: portal.network, chatId: portal.chatId, receiver: portal.receiver } };
    try {
      await this.dispatch(context);
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      log.warn("the network refused an event", { network: portal.network, roomId: event.roomId, reason: err.reason, detail: err.detail });
      await this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: ${err.userMessage}`);
    }
  }

  private async dispatch(context: OutboundContext): Promise<void> {
    const { event, entry } = context;
    const label = entry.connector.label;
    if (event.type === "m.reaction") return this.reactions.react(context);
    if (event.type === "m.room.redaction") return this.redaction(context);
    const relation = event.content["m.relates_to"] as { rel_type?: string } | undefined;
    if (relation?.rel_type === "m.replace") {
      return this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: ${label} does not let the bridge edit messages; send a new message instead.`);
    }
    const { replyTo, quote } = await this.replyTarget(context);
    if (event.type === "m.sticker") return this.record(context, await this.media.send(context, "sticker", replyTo));
    const msgtype = String(event.content.msgtype ?? "");
    if (TEXT_KINDS[msgtype]) {
      const text = fromMatrixMessage(event.content);
      const outgoing: OutgoingMessage = { kind: TEXT_KINDS[msgtype], content: quote ? [...quote, ...text] : text, replyToMessageId: replyTo };
      return this.record(context, await entry.connector.sendMessage(context.chat, outgoing));
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
    if (canSendLocation(entry.connector)) {
      const name = typeof event.content.body === "string" ? event.content.body : undefined;
      return this.record(context, await entry.connector.sendLocation(chat, { latitude, longitude, name }, replyTo));
    }
    // networks without locations get a map link
    const text = `Location: https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}`;
    return this.record(context, await entry.connector.sendMessage(chat, { kind: "text", content: fromPlainText(text), replyToMessageId: replyTo }));
  }

  private async redaction(context: OutboundContext): Promise<void> {
    const { event, entry } = context;
    if (!event.redacts) return;
    if (await this.reactions.takeBack(context, event.redacts)) return;
    const message = await this.messages.getByEventId(event.redacts);
    if (!message) return; // never bridged: nothing to take back on the network
    const label = entry.connector.label;
    await this.feedback.notice(event.roomId, event.redacts, `Not deleted on ${label}: ${label} does not let the bridge unsend messages; the person can still see it.`);
  }

  /** Records what the network stored in the message map, and tells the sender it was delivered. */
  private async record(context: OutboundContext, result: SendResult | undefined): Promise<void> {
    if (!result) return;
    const { event, portal } = context;
    const timestamp = result.timestamp ?? Date.now();
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
    await this.feedback.delivered(event.roomId, event.eventId);
  }

  /**
   * What a reply answers: the network's message when the bridge carried it, else (a message the
   * network never saw) a quote of it to put before the text.
   */
  private async replyTarget(context: OutboundContext): Promise<{ replyTo?: string; quote?: RichText }> {
    const relation = context.event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
    const eventId = relation?.["m.in_reply_to"]?.event_id;
    if (!eventId) return {};
    const original = await this.messages.getByEventId(eventId);
    if (original && original.network === context.portal.network) return { replyTo: original.remoteId };
    const quoted = await this.matrix.getEvent(context.event.roomId, eventId);
    const body = typeof quoted?.content.body === "string" ? quoted.content.body : undefined;
    if (!quoted || !body) return {};
    return { quote: [{ t: "quote", children: fromPlainText(`${quoted.sender}: ${body}`) }] };
  }
}
