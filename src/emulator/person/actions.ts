import { newWamid } from "../graph/ids";
import { messagingEnvelope } from "../graph/send-api/messaging-webhook";
import { deletionEvent, editEvent, reactionEvent } from "../graph/send-api/person-events";
import type { InboundDeletion, InboundEdit, InboundReaction, PersonWebhookResult } from "../person-types";
import { whatsappReactionWebhook } from "../whatsapp/person-webhooks";
import { actorFor, post, requireChatMessage, requireNetwork, type PersonDeps } from "./person-context";

/**
 * A reaction or its removal (no emoji). WhatsApp: a reaction message with an id of its own;
 * Messenger/Instagram: a message_reactions event.
 */
export async function inboundReaction(deps: PersonDeps, input: InboundReaction): Promise<PersonWebhookResult> {
  const actor = actorFor(deps, input);
  requireChatMessage(deps, actor, input.messageId);
  if (input.emoji !== undefined && (typeof input.emoji !== "string" || input.emoji === "")) throw new Error("emoji must be a non-empty string (leave it out to take a reaction back)");
  const payload =
    actor.network === "whatsapp"
      ? whatsappReactionWebhook(
          { account: actor.account, user: actor.user, senderName: actor.senderName, messageId: newWamid(), sentAt: actor.sentAt },
          deps.services.ledger,
          input.messageId,
          input.emoji,
        )
      : messagingEnvelope(actor.network === "messenger" ? "page" : "instagram", actor.account, actor.now, reactionEvent(actor.account, actor.user.id, actor.sentAt, input.messageId, input.emoji, input.reaction));
  return post(deps, actor, "reaction", payload);
}

/** Messenger: the person edited their message (num_edit counts up per message, at most 5). */
export async function inboundEdit(deps: PersonDeps, input: InboundEdit, editCounts: Map<string, number>): Promise<PersonWebhookResult> {
  requireNetwork(input, ["messenger"], "edit webhooks");
  if (typeof input.text !== "string" || input.text === "") throw new Error("an edit needs the new text");
  const actor = actorFor(deps, input);
  requireChatMessage(deps, actor, input.messageId, "inbound");
  const numEdit = (editCounts.get(input.messageId) ?? 0) + 1;
  if (numEdit > 5) throw new Error("Messenger allows at most 5 edits of a message");
  editCounts.set(input.messageId, numEdit);
  const event = editEvent(actor.account, actor.user.id, actor.sentAt, input.messageId, input.text, numEdit);
  return post(deps, actor, "edit", messagingEnvelope("page", actor.account, actor.now, event));
}

/** Instagram: the person unsent their message. */
export async function inboundDeletion(deps: PersonDeps, input: InboundDeletion): Promise<PersonWebhookResult> {
  requireNetwork(input, ["instagram"], "deletion webhooks");
  const actor = actorFor(deps, input);
  requireChatMessage(deps, actor, input.messageId, "inbound");
  const event = deletionEvent(actor.account, actor.user.id, actor.sentAt, input.messageId);
  return post(deps, actor, "deletion", messagingEnvelope("instagram", actor.account, actor.now, event));
}
