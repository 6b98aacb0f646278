import type { ResolvedAccount } from "../graph/directory";
import type { EmulatorServices } from "../graph/services";
import { whatsappEnvelope, whatsappTimestamp } from "./webhook-envelope";
import type { WhatsAppMessageType } from "./message-content";
import type { WhatsAppStatus } from "../person-types";

type MessageStatus = WhatsAppStatus;

export interface StatusError {
  code: number;
  title: string;
  details?: string;
}

// Real time between the statuses: enough for a test to see them arrive one by one.
const STATUS_SPACING_MS = 30;

function pricing(type: WhatsAppMessageType): Record<string, unknown> {
  return type === "template"
    ? { billable: true, pricing_model: "PMP", type: "regular", category: "utility" }
    : { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" };
}

/** One status of a message the business sent; failed carries errors[] (title = message, as Meta writes it). */
export function statusPayload(account: ResolvedAccount, messageId: string, waId: string, status: MessageStatus, type: WhatsAppMessageType, now: number, error?: StatusError): unknown {
  const entry: Record<string, unknown> = { id: messageId, status, timestamp: whatsappTimestamp(now), recipient_id: waId };
  if (status === "sent") entry.pricing = pricing(type);
  if (status === "failed") {
    const failure = error ?? { code: 131026, title: "Message undeliverable" };
    entry.errors = [{ code: failure.code, title: failure.title, message: failure.title, error_data: { details: failure.details ?? failure.title }, href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/" }];
  }
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
