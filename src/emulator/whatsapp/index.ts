import { newWamid } from "../graph/ids";
import type { Product } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import { describePhoneNumber, subscribeApp } from "./account-nodes";
import { whatsappInboundWebhook } from "./inbound-webhook";
import { mediaDownloadRoute } from "./media-download";
import { WhatsAppMediaEndpoints } from "./media-endpoints";
import type { MediaStore } from "./media-store";
import { WhatsAppMessagesEndpoint } from "./messages-endpoint";
import { classifyWhatsAppSend } from "./send-request";

/** WhatsApp Cloud API: messages, media, the phone number node, and its webhooks. */
export function createWhatsAppProduct(services: EmulatorServices, media: MediaStore): Product {
  const messages = new WhatsAppMessagesEndpoint(services, media);
  const mediaEndpoints = new WhatsAppMediaEndpoints(services, media);
  return {
    network: "whatsapp",
    routes: [
      { method: "POST", node: "account", edge: "messages", kinds: classifyWhatsAppSend, handle: (call) => messages.handle(call) },
      { method: "POST", node: "account", edge: "media", kinds: () => ["media"], handle: (call) => mediaEndpoints.upload(call) },
      { method: "GET", node: "account", kinds: () => ["account"], handle: describePhoneNumber },
      { method: "POST", node: "business", edge: "subscribed_apps", kinds: () => ["account"], handle: subscribeApp },
      { method: "GET", node: "object", kinds: () => ["media"], handle: (call) => mediaEndpoints.describe(call) },
      { method: "DELETE", node: "object", kinds: () => ["media"], handle: (call) => mediaEndpoints.delete(call) },
    ],
    rawRoutes: [mediaDownloadRoute(media, services.directory)],
    knowsObject: (nodeId) => mediaEndpoints.knows(nodeId),
    newInboundMessageId: () => newWamid(),
    inboundWebhook: (event) => whatsappInboundWebhook(event, services.ledger),
  };
}
