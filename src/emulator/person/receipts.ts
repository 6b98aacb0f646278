import type { ResolvedAccount } from "../graph/directory";
import { messagingEnvelope } from "../graph/send-api/messaging-webhook";
import { deliveryEvent, readEvent } from "../graph/send-api/person-events";
import type { DeliveredToPerson, PersonWebhookResult, ReadByPerson, StatusUpdate, WhatsAppStatus } from "../person-types";
import { statusPayload } from "../whatsapp/status-webhooks";
import { actorFor, post, requireChatMessage, requireNetwork, type Actor, type PersonDeps } from "./person-context";

const STATUSES: readonly WhatsAppStatus[] = ["sent", "delivered", "read", "failed", "played"];

async function whatsappStatus(deps: PersonDeps, account: ResolvedAccount, messageId: string, status: WhatsAppStatus, at: number, error?: StatusUpdate["error"]): Promise<PersonWebhookResult> {
  const sent = deps.services.ledger.find("whatsapp", account.id, messageId);
  if (!sent || sent.direction !== "outbound") throw new Error(`${messageId} is not a message ${account.id} sent`);
  const payload = statusPayload(account, messageId, sent.userId, status, "text", at, error);
  const response = await deps.services.webhooks.post({ account, kind: "status", payload });
  return { ...response, payload };
}

/** WhatsApp: any status of a message the account sent (the recipient comes from the ledger). */
export function status(deps: PersonDeps, update: StatusUpdate): Promise<PersonWebhookResult> {
  if (!STATUSES.includes(update.status)) throw new Error(`status must be one of ${STATUSES.join(", ")}`);
  const account = deps.services.directory.accountFor("whatsapp", update.accountId);
  return whatsappStatus(deps, account, update.messageId, update.status, update.timestamp ?? deps.services.clock.now(), update.error);
}

/** The person read: WhatsApp a read status; Messenger a watermark (default now); Instagram `read: {mid}`. */
export async function read(deps: PersonDeps, input: ReadByPerson): Promise<PersonWebhookResult> {
  const actor = actorFor(deps, input);
  if (actor.network === "whatsapp") {
    const messageId = requireMessageId(input.messageId, "a WhatsApp read");
    requireChatMessage(deps, actor, messageId, "outbound");
    return whatsappStatus(deps, actor.account, messageId, "read", actor.sentAt);
  }
  if (actor.network === "messenger") {
    const event = readEvent(actor.account, actor.user.id, actor.sentAt, { watermark: input.watermark ?? actor.sentAt });
    return post(deps, actor, "read", messagingEnvelope("page", actor.account, actor.now, event));
  }
  const messageId = requireMessageId(input.messageId, "an Instagram read");
  requireChatMessage(deps, actor, messageId, "outbound");
  return post(deps, actor, "read", messagingEnvelope("instagram", actor.account, actor.now, readEvent(actor.account, actor.user.id, actor.sentAt, { mid: messageId })));
}

/** Messages reached the person: WhatsApp one delivered status per message; Messenger one delivery with mids and a watermark. */
export async function delivered(deps: PersonDeps, input: DeliveredToPerson): Promise<PersonWebhookResult> {
  requireNetwork(input, ["whatsapp", "messenger"], "delivery webhooks");
  const actor = actorFor(deps, input);
  if (!Array.isArray(input.messageIds) || input.messageIds.length === 0) throw new Error("delivered needs messageIds");
  for (const messageId of input.messageIds) requireChatMessage(deps, actor, messageId, "outbound");
  if (actor.network === "whatsapp") return deliveredOnWhatsApp(deps, actor, input.messageIds);
  const event = deliveryEvent(actor.account, actor.user.id, input.messageIds, input.watermark ?? actor.sentAt);
  return post(deps, actor, "delivery", messagingEnvelope("page", actor.account, actor.now, event));
}

async function deliveredOnWhatsApp(deps: PersonDeps, actor: Actor, messageIds: string[]): Promise<PersonWebhookResult> {
  let last: PersonWebhookResult | undefined;
  for (const messageId of messageIds) last = await whatsappStatus(deps, actor.account, messageId, "delivered", actor.sentAt);
  return last!;
}

function requireMessageId(messageId: string | undefined, what: string): string {
  if (typeof messageId !== "string" || messageId === "") throw new Error(`${what} needs messageId`);
  return messageId;
}
