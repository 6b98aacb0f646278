import type { ResolvedAccount } from "../graph/directory";
import type { EmulatorServices } from "../graph/services";
import { whatsappEnvelope, whatsappTimestamp } from "./webhook-envelope";
import type { WhatsAppMessageType } from "./message-content";

type MessageStatus = "sent" | "delivered" | "read";

// Real time between the statuses: enough for a test to see them arrive one by one.
const STATUS_SPACING_MS = 30;

function pricing(type: WhatsAppMessageType): Record<string, unknown> {
  return type === "template"
    ? { billable: true, pricing_model: "PMP", type: "regular", category: "utility" }
    : { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" };
}

export function statusPayload(account: ResolvedAccount, messageId: string, waId: string, status: MessageStatus, type: WhatsAppMessageType, now: number): unknown {
  const entry: Record<string, unknown> = { id: messageId, status, timestamp: whatsappTimestamp(now), recipient_id: waId };
  if (status === "sent") entry.pricing = pricing(type);
  return whatsappEnvelope(account, { statuses: [entry] });
}

/** sent → delivered → read, as the recipient's phone would report them; reactions only get "sent". */
export function scheduleStatusWebhooks(services: EmulatorServices, account: ResolvedAccount, messageId: string, waId: string, type: WhatsAppMessageType): void {
  const statuses: MessageStatus[] = type === "reaction" ? ["sent"] : ["sent", "delivered", "read"];
  statuses.forEach((status, index) => {
    services.timers.schedule(index * STATUS_SPACING_MS, () => {
      const payload = statusPayload(account, messageId, waId, status, type, services.clock.now());
      services.webhooks.postInBackground({ account, kind: "status", payload });
    });
  });
}
