import { getLogger } from "../../logging/logger";
import type { MessageRecord, ReactionRecord } from "../../store/records";
import { toMatrixHtml } from "../formatting/matrix-html";
import { isFormatted, toPlainText } from "../formatting/rich-text";
import { personName, type GhostService } from "../ghosts/ghost-service";
import type { MatrixPort } from "../matrix-port";
import type { RemoteDeletion, RemoteEdit, RemoteReaction, RemoteReceipt } from "../networks/connector";
import type { NetworkEntry, NetworkRegistry } from "../networks/registry";
import { PermanentFailure } from "../queue/inbox-worker";
import { toMatrixMessage } from "./matrix-content";
import type { MessageMapPort } from "./message-map";
import type { RelayHook } from "./remote-message-handler";

const log = getLogger("inbound");

export interface ReactionStorePort {
  listBySender(network: string, messageId: string, senderId: string): Promise<ReactionRecord[]>;
  upsert(reaction: ReactionRecord): Promise<void>;
  delete(key: Omit<ReactionRecord, "roomId" | "eventId" | "timestamp">): Promise<boolean>;
}

export interface ChatMessagesPort extends MessageMapPort {
  listParts(network: string, remoteId: string): Promise<MessageRecord[]>;
  latestInChat(chat: { network: string; chatId: string; receiver: string }, options: { outbound: boolean; atOrBefore?: number }): Promise<MessageRecord | null>;
}

/**
 * What people do to messages already bridged: react, edit, delete, read. Each applies to the
 * Matrix events the message map names; an update to a message the bridge never saw is dropped.
 */
export class RemoteUpdates {
  constructor(
    private readonly networks: NetworkRegistry,
    private readonly ghosts: GhostService,
    private readonly messages: ChatMessagesPort,
    private readonly reactions: ReactionStorePort,
    private readonly matrix: MatrixPort,
    private readonly relay?: RelayHook,
  ) {}

  async reaction(event: RemoteReaction): Promise<void> {
    const { entry, target } = await this.resolve(event.chat.network, event.targetMessageId);
    if (!target) return;
    const ghost = await this.ghosts.ensureGhost(entry, event.sender.id, { receiver: event.chat.receiver });
    const current = await this.reactions.listBySender(event.chat.network, target.remoteId, event.sender.id);
    if (event.emoji && current.some((r) => r.emoji === event.emoji)) return;
    // Meta's networks keep one reaction per person per message: the new one replaces the old
    const person = { name: personName(entry, ghost), remoteId: event.sender.id, networkLabel: entry.connector.label };
    for (const old of current) {
      const redactionId = await this.matrix.redactEvent(ghost.userId, old.roomId, old.eventId);
      await this.reactions.delete(old);
      await this.relay?.(event.chat, { roomId: old.roomId, eventId: redactionId, sender: ghost.userId, type: "m.room.redaction", content: {}, redacts: old.eventId }, person);
    }
    if (!event.emoji) return;
    const content = { "m.relates_to": { rel_type: "m.annotation", event_id: target.eventId, key: event.emoji } };
    const eventId = await this.matrix.sendEvent(ghost.userId, target.roomId, "m.reaction", content, event.timestamp);
    await this.reactions.upsert({
      network: event.chat.network,
      messageId: target.remoteId,
      messagePart: target.partId,
      senderId: event.sender.id,
      emoji: event.emoji,
      roomId: target.roomId,
      eventId,
      timestamp: event.timestamp,
    });
    await this.relay?.(event.chat, { roomId: target.roomId, eventId, sender: ghost.userId, type: "m.reaction", content }, person);
  }

  async edit(event: RemoteEdit): Promise<void> {
    const { entry, target } = await this.resolve(event.chat.network, event.targetMessageId);
    if (!target) return;
    const ghost = await this.ghosts.ensureGhost(entry, event.sender.id, { receiver: event.chat.receiver });
    const newContent = toMatrixMessage(event.content);
    const content: Record<string, unknown> = {
      msgtype: "m.text",
      body: `* ${toPlainText(event.content)}`,
      "m.new_content": newContent,
      "m.relates_to": { rel_type: "m.replace", event_id: target.eventId },
    };
    if (isFormatted(event.content)) Object.assign(content, { format: "org.matrix.custom.html", formatted_body: `* ${toMatrixHtml(event.content)}` });
    const eventId = await this.matrix.sendEvent(ghost.userId, target.roomId, "m.room.message", content, event.timestamp);
    const person = { name: personName(entry, ghost), remoteId: event.sender.id, networkLabel: entry.connector.label };
    await this.relay?.(event.chat, { roomId: target.roomId, eventId, sender: ghost.userId, type: "m.room.message", content }, person);
  }

  async deletion(event: RemoteDeletion): Promise<void> {
    const entry = this.entry(event.chat.network);
    const parts = await this.messages.listParts(event.chat.network, event.targetMessageId);
    if (!parts.length) return;
    const ghost = await this.ghosts.ensureGhost(entry, event.sender.id, { receiver: event.chat.receiver });
    const person = { name: personName(entry, ghost), remoteId: event.sender.id, networkLabel: entry.connector.label };
    for (const part of parts) {
      if (part.senderId !== event.sender.id) continue; // only their own messages
      const redactionId = await this.matrix.redactEvent(ghost.userId, part.roomId, part.eventId, `Deleted on ${entry.connector.label}`);
      const redaction = { roomId: part.roomId, eventId: redactionId, sender: ghost.userId, type: "m.room.redaction", content: {}, redacts: part.eventId };
      await this.relay?.(event.chat, redaction, person);
    }
  }

  async receipt(event: RemoteReceipt): Promise<void> {
    const entry = this.entry(event.chat.network);
    if (event.status === "failed") return this.deliveryFailed(entry, event);
    if (event.status !== "read") return; // delivered: the bridge bot's receipt at send time already says so
    const read = await this.newestCovered(event);
    if (!read) return;
    const ghost = await this.ghosts.ensureGhost(entry, event.sender.id, { receiver: event.chat.receiver });
    await this.matrix.sendReadReceipt(ghost.userId, read.roomId, read.eventId);
  }

  private async deliveryFailed(entry: NetworkEntry, event: RemoteReceipt): Promise<void> {
    for (const messageId of event.messageIds) {
      const message = await this.messages.get({ network: event.chat.network, remoteId: messageId, partId: "" });
      if (!message) continue;
      await this.matrix.sendEvent(this.matrix.botUserId, message.roomId, "m.room.message", {
        msgtype: "m.notice",
        body: `Not delivered to ${entry.connector.label}: ${event.error ?? "the network reported a failure"}.`,
        "m.relates_to": { "m.in_reply_to": { event_id: message.eventId } },
      });
    }
  }

  /** The newest bridged message a read receipt covers (by id, or every message up to a watermark). */
  private async newestCovered(event: RemoteReceipt) {
    if (event.watermark !== undefined) return this.messages.latestInChat(event.chat, { outbound: true, atOrBefore: event.watermark });
    let newest: MessageRecord | null = null;
    for (const messageId of event.messageIds) {
      const message = await this.messages.get({ network: event.chat.network, remoteId: messageId, partId: "" });
      if (message && (!newest || message.timestamp >= newest.timestamp)) newest = message;
    }
    return newest;
  }

  private entry(network: string): NetworkEntry {
    const entry = this.networks.get(network);
    if (!entry) throw new PermanentFailure(`network ${network} is not enabled`);
    return entry;
  }

  private async resolve(network: string, targetMessageId: string) {
    const entry = this.entry(network);
    const target = await this.messages.get({ network, remoteId: targetMessageId, partId: "" });
    if (!target) log.debug("an update to a message the bridge never saw", { network, messageId: targetMessageId });
    return { entry, target };
  }
}
