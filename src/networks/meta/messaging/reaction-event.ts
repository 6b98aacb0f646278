import type { RemoteReaction } from "../../../core/networks/connector";
import { asId, asObject, asString } from "../json";
import { chatOf, type ItemResult, type MessagingItem } from "./item-context";

/** The emoji of Meta's reaction names, for a react that carries only the name. */
const REACTION_EMOJI: Record<string, string> = {
  love: "\u2764\ufe0f",
  like: "\ud83d\udc4d",
  dislike: "\ud83d\udc4e",
  smile: "\ud83d\ude06",
  laugh: "\ud83d\ude06",
  wow: "\ud83d\ude2e",
  sad: "\ud83d\ude22",
  angry: "\ud83d\ude20",
};

/**
 * `reaction: {mid, action: react|unreact, reaction?, emoji?}` (field message_reactions). The event
 * id takes the timestamp so that react, unreact, react again are three events while Meta's retry
 * of one of them is the same event.
 */
export function parseReactionEvent(item: MessagingItem): ItemResult {
  const { account, senderId } = item;
  const reaction = asObject(item.item.reaction) ?? {};
  const target = asId(reaction.mid);
  const action = asString(reaction.action);
  if (!senderId || !target) return { reason: "reaction without a sender or a message id", account };
  if (senderId === account) return { reason: "reaction by the account itself", account, id: target };
  if (action !== "react" && action !== "unreact") return { reason: `reaction with action ${action ?? "?"}`, account, id: target };
  const emoji = action === "react" ? asString(reaction.emoji) || REACTION_EMOJI[asString(reaction.reaction) ?? ""] : undefined;
  if (action === "react" && !emoji) return { reason: "reaction without an emoji", account, id: target };
  const event: RemoteReaction = {
    kind: "reaction",
    ...chatOf(item, senderId),
    targetMessageId: target,
    timestamp: item.timestamp,
    eventId: [account, senderId, target, action, emoji ?? "", item.timestamp].join(":"),
  };
  if (emoji) event.emoji = emoji;
  return [event];
}
