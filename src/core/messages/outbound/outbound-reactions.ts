import type { ReactionRecord } from "../../../store/records";
import { fromPlainText } from "../../formatting/rich-text";
import { canReact } from "../../networks/capabilities";
import type { MessageMapPort } from "../message-map";
import type { SendFeedback } from "./feedback";
import type { OutboundContext } from "./outbound-relay";

export interface OutboundReactionStore {
  getByEventId(eventId: string, network?: string): Promise<ReactionRecord | null>;
  listBySender(network: string, messageId: string, senderId: string): Promise<ReactionRecord[]>;
  upsert(reaction: ReactionRecord): Promise<void>;
  delete(key: Omit<ReactionRecord, "roomId" | "eventId" | "timestamp">): Promise<boolean>;
}

/** Matrix reactions (m.annotation) to network reactions, and their redactions to removals. */
export class OutboundReactions {
  constructor(
    private readonly messages: MessageMapPort,
    private readonly store: OutboundReactionStore,
    private readonly feedback: SendFeedback,
  ) {}

  async react(context: OutboundContext): Promise<void> {
    const { event, entry, chat, portal } = context;
    const relation = event.content["m.relates_to"] as { rel_type?: string; event_id?: string; key?: string } | undefined;
    if (relation?.rel_type !== "m.annotation" || !relation.event_id || !relation.key) return;
    const target = await this.messages.getByEventId(relation.event_id, portal.network);
    if (!target) return; // a reaction to something never bridged there
    const label = entry.connector.label;
    if (!canReact(entry.connector)) {
      if (context.attribute) {
        // relayed from another network: the reaction becomes words
        await context.sendText(context.attribute(fromPlainText(`reacted ${relation.key}`)));
        return;
      }
      return this.feedback.notice(event.roomId, event.eventId, `Not delivered to ${label}: ${label} does not take reactions from this bridge.`);
    }
    const previous = await this.store.listBySender(portal.network, target.remoteId, event.sender);
    await entry.connector.sendReaction(chat, target.remoteId, relation.key);
    // one reaction per person per message: the network replaced the previous one
    if (entry.connector.oneReactionPerMessage) for (const old of previous) await this.store.delete(old);
    await this.store.upsert({
      network: portal.network,
      messageId: target.remoteId,
      messagePart: target.partId,
      senderId: event.sender,
      emoji: relation.key,
      roomId: event.roomId,
      eventId: event.eventId,
      timestamp: Date.now(),
    });
    await this.feedback.delivered(event.roomId, event.eventId);
  }

  /** A redaction of a bridged reaction: takes it back on the network. False when it was no reaction of ours. */
  async takeBack(context: OutboundContext, redactedEventId: string): Promise<boolean> {
    const reaction = await this.store.getByEventId(redactedEventId, context.portal.network);
    if (!reaction) return false;
    const { connector } = context.entry;
    if (canReact(connector)) {
      const current = await this.store.listBySender(reaction.network, reaction.messageId, reaction.senderId);
      // taking back an older, already replaced reaction changes nothing on the network
      if (current.at(-1)?.eventId === reaction.eventId) await connector.sendReaction(context.chat, reaction.messageId, null);
    }
    await this.store.delete(reaction);
    return true;
  }
}
