import type { ChatKey } from "../networks/connector";

/** The one ordering key of a chat: remote events of one chat are handled one at a time, in order. */
export function chatQueueKey(chat: ChatKey): string {
  return JSON.stringify([chat.network, chat.receiver, chat.chatId]);
}
