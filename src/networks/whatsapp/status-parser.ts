import type { RemoteReceipt } from "../../core/networks/connector";
import { asId, asNumber, asObject, asObjects, asString, type JsonObject } from "../meta/json";
import type { SkippedItem } from "../meta/product";
import { whatsappTime } from "./timestamps";

/**
 * One of value.statuses[]: delivered, read and failed become RemoteReceipts for the message the
 * business sent (failed with Meta's reason in words); sent and played are not bridged. The event
 * id is the wamid and the status, which Meta's retries repeat.
 */
export function parseWhatsAppStatus(status: JsonObject, account: string, now: number): RemoteReceipt | SkippedItem {
  const messageId = asId(status.id);
  const state = asString(status.status);
  const recipient = asId(status.recipient_id) ?? asId(status.recipient_user_id);
  if (!messageId || !recipient) return { reason: "status without a message id or a recipient", account, id: messageId };
  if (status.recipient_type === "group") return { reason: "status of a group message", account, id: messageId };
  if (state !== "delivered" && state !== "read" && state !== "failed") return { reason: `status ${state ?? "?"} (not bridged)`, account, id: messageId };
  const receipt: RemoteReceipt = {
    kind: "receipt",
    chat: { network: "whatsapp", chatId: recipient, receiver: account },
    sender: { id: recipient },
    status: state,
    messageIds: [messageId],
    timestamp: whatsappTime(status.timestamp, now),
    eventId: `${messageId}:${state}`,
  };
  if (state === "failed") receipt.error = failureText(asObjects(status.errors)[0]);
  return receipt;
}

/** `errors[0]` of a failed status: "Re-engagement message (131047): details". */
function failureText(error: JsonObject | undefined): string {
  if (!error) return "WhatsApp reported the message as failed without saying why";
  const title = asString(error.title) ?? asString(error.message) ?? "WhatsApp could not deliver the message";
  const code = asNumber(error.code);
  const details = asString(asObject(error.error_data)?.details);
  return `${title}${code !== undefined ? ` (${code})` : ""}${details && details !== title ? `: ${details}` : ""}`;
}
