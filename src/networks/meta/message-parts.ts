/**
 * A message with several attachments becomes one remote message per attachment: the first keeps
 * the network's id, the others get "<id>#<n>" (Meta ids never contain "#"). Reactions and replies
 * to them go to the network's message.
 */
export function partMessageId(messageId: string, index: number): string {
  return index === 0 ? messageId : `${messageId}#${index + 1}`;
}

export function networkMessageId(messageId: string): string {
  return messageId.replace(/#\d+$/, "");
}
