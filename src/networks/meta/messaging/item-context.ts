import type { ChatKey, RemoteEvent, RemoteSender } from "../../../core/networks/connector";
import type { JsonObject } from "../json";
import type { ParseContext, SkippedItem } from "../product";

/** What differs between Messenger's and Instagram's `entry[].messaging[]` deliveries. */
export interface MessagingDialect {
  network: string;
  /** product name, e.g. "Instagram" */
  label: string;
}

/** One `messaging[]` item with what every event parser needs about it. */
export interface MessagingItem {
  item: JsonObject;
  /** the receiving account (entry.id) */
  account: string;
  /** sender.id, when present */
  senderId: string | undefined;
  /** the item's timestamp (ms), else the entry's time, else now */
  timestamp: number;
  dialect: MessagingDialect;
  ctx: ParseContext;
}

export type ItemResult = RemoteEvent[] | SkippedItem;

/** The chat with the person who sent an item, as the account sees it. */
export function chatOf(item: MessagingItem, personId: string): { chat: ChatKey; sender: RemoteSender } {
  return { chat: { network: item.dialect.network, chatId: personId, receiver: item.account }, sender: { id: personId } };
}
