import type { ResolvedAccount } from "../directory";
import type { InboundEvent } from "../product";

/** `{object, entry: [{id, time, messaging: [event]}]}`; times are milliseconds, as numbers. */
export function messagingEnvelope(object: "page" | "instagram", account: ResolvedAccount, now: number, event: Record<string, unknown>): unknown {
  return { object, entry: [{ id: account.id, time: now, messaging: [event] }] };
}

export function inboundMessagingEvent(event: InboundEvent): Record<string, unknown> {
  const message: Record<string, unknown> = { mid: event.messageId, text: event.text };
  if (event.replyTo !== undefined) message.reply_to = { mid: event.replyTo };
  return { sender: { id: event.user.id }, recipient: { id: event.account.id }, timestamp: event.sentAt, message };
}

// Meta sends app_id as a JSON number.
function appIdValue(appId: string): number | string {
  return /^\d+$/.test(appId) && Number.isSafeInteger(Number(appId)) ? Number(appId) : appId;
}

export interface EchoedMessage {
  mid: string;
  text: string | undefined;
  attachment: { type: string; url: string } | undefined;
  metadata: string | undefined;
}

/** What the bridge's own message looks like when Meta echoes it: sender is the account, recipient the user. */
export function echoMessagingEvent(account: ResolvedAccount, userId: string, sent: EchoedMessage, now: number): Record<string, unknown> {
  const message: Record<string, unknown> = { is_echo: true, app_id: appIdValue(account.appId) };
  if (sent.metadata !== undefined) message.metadata = sent.metadata;
  message.mid = sent.mid;
  if (sent.text !== undefined) message.text = sent.text;
  if (sent.attachment) message.attachments = [{ type: sent.attachment.type, payload: { url: sent.attachment.url } }];
  return { sender: { id: account.id }, recipient: { id: userId }, timestamp: now, message };
}
