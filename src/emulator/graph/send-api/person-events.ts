import type { ResolvedAccount } from "../directory";

// The messaging[] events of what a Messenger or Instagram user does besides writing text
// (webhook references: messages, message_reactions, message_edits, message_reads /
// messaging_seen, message_deliveries).

/** `{sender, recipient, timestamp, …}`: an event from the user to the account. */
function fromUser(account: ResolvedAccount, userId: string, sentAt: number | undefined, body: Record<string, unknown>): Record<string, unknown> {
  return { sender: { id: userId }, recipient: { id: account.id }, ...(sentAt === undefined ? {} : { timestamp: sentAt }), ...body };
}

export interface WebhookAttachment {
  type: string;
  payload: Record<string, unknown>;
}

/** A message with attachments (and the text that came with them). */
export function attachmentMessageEvent(account: ResolvedAccount, userId: string, sentAt: number, message: { mid: string; text?: string; replyTo?: string; attachments: WebhookAttachment[] }): Record<string, unknown> {
  const body: Record<string, unknown> = { mid: message.mid };
  if (message.text !== undefined) body.text = message.text;
  body.attachments = message.attachments;
  if (message.replyTo !== undefined) body.reply_to = { mid: message.replyTo };
  return fromUser(account, userId, sentAt, { message: body });
}

/** Meta's names for the emoji it knows; anything else is "other". */
const REACTION_NAMES: Record<string, string> = {
  "\u2764\ufe0f": "love",
  "\u2764": "love",
  "\ud83d\udc4d": "like",
  "\ud83d\udc4e": "dislike",
  "\ud83d\ude06": "smile",
  "\ud83d\ude2e": "wow",
  "\ud83d\ude22": "sad",
  "\ud83d\ude20": "angry",
};

/** react with the emoji and its name, or unreact (Meta then sends only the mid and the action). */
export function reactionEvent(account: ResolvedAccount, userId: string, sentAt: number, target: string, emoji: string | undefined, name: string | undefined): Record<string, unknown> {
  const reaction =
    emoji === undefined ? { mid: target, action: "unreact" } : { reaction: name ?? REACTION_NAMES[emoji] ?? "other", emoji, action: "react", mid: target };
  return fromUser(account, userId, sentAt, { reaction });
}

/** Messenger's message_edit: the new text and how many times the message was edited. */
export function editEvent(account: ResolvedAccount, userId: string, sentAt: number, target: string, text: string, numEdit: number): Record<string, unknown> {
  return fromUser(account, userId, sentAt, { message_edit: { mid: target, text, num_edit: numEdit } });
}

/** Instagram: the user unsent a message. */
export function deletionEvent(account: ResolvedAccount, userId: string, sentAt: number, target: string): Record<string, unknown> {
  return fromUser(account, userId, sentAt, { message: { mid: target, is_deleted: true } });
}

/** Instagram: a message the API cannot show. */
export function unsupportedEvent(account: ResolvedAccount, userId: string, sentAt: number, mid: string): Record<string, unknown> {
  return fromUser(account, userId, sentAt, { message: { mid, is_unsupported: true } });
}

/** Messenger reads by watermark (ms); Instagram's messaging_seen names the message. */
export function readEvent(account: ResolvedAccount, userId: string, sentAt: number, read: { watermark: number } | { mid: string }): Record<string, unknown> {
  return fromUser(account, userId, sentAt, { read });
}

/** Messenger's message_deliveries; Meta's example has no timestamp, so neither does this. */
export function deliveryEvent(account: ResolvedAccount, userId: string, mids: string[], watermark: number): Record<string, unknown> {
  return fromUser(account, userId, undefined, { delivery: { mids, watermark } });
}
