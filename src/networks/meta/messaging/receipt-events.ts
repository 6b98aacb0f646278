import type { RemoteReceipt } from "../../../core/networks/connector";
import { asArray, asId, asNumber, asObject } from "../json";
import { chatOf, type ItemResult, type MessagingItem } from "./item-context";

/**
 * `read`: Messenger's `{watermark}` (every message sent at or before it was read) or Instagram's
 * `{mid}` (messaging_seen). The event id is the watermark or the mid, so a retry is the same event.
 */
export function parseReadEvent(item: MessagingItem): ItemResult {
  const read = asObject(item.item.read) ?? {};
  const watermark = asNumber(read.watermark);
  const mid = asId(read.mid);
  if (watermark === undefined && mid === undefined) return { reason: "read without a watermark or a message id", account: item.account };
  return receipt(item, "read", mid ? [mid] : [], watermark, mid ?? String(watermark));
}

/** `delivery: {mids?, watermark}` (Messenger's message_deliveries). */
export function parseDeliveryEvent(item: MessagingItem): ItemResult {
  const delivery = asObject(item.item.delivery) ?? {};
  const watermark = asNumber(delivery.watermark);
  const mids = asArray(delivery.mids).flatMap((mid) => asId(mid) ?? []);
  if (watermark === undefined && !mids.length) return { reason: "delivery without a watermark or message ids", account: item.account };
  return receipt(item, "delivered", mids, watermark, watermark !== undefined ? String(watermark) : mids.join(","));
}

function receipt(item: MessagingItem, status: "read" | "delivered", messageIds: string[], watermark: number | undefined, key: string): ItemResult {
  const { account, senderId } = item;
  if (!senderId) return { reason: `${status} without a sender`, account };
  if (senderId === account) return { reason: `${status} by the account itself`, account };
  const event: RemoteReceipt = { kind: "receipt", ...chatOf(item, senderId), status, messageIds, timestamp: item.timestamp, eventId: `${account}:${senderId}:${status}:${key}` };
  if (watermark !== undefined) event.watermark = watermark;
  return [event];
}
