import { unsupportedRequest } from "../graph/common-errors";
import { newWamid } from "../graph/ids";
import type { Product } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import { describePhoneNumber, subscribeApp } from "./account-nodes";
import { whatsappInboundWebhook } from "./inbound-webhook";
import { mediaDownloadRoute } from "./media-download";
import { WhatsAppMediaEndpoints } from "./media-endpoints";
import { WhatsAppMessagesEndpoint } from "./messages-endpoint";
import { classifyWhatsAppSend } from "./send-request";
import { listTemplates } from "./templates/template-list";
import type { WhatsAppStores } from "./stores";

/** WhatsApp Cloud API: messages, media, templates, the phone number and WABA nodes, and its webhooks. */
export function createWhatsAppProduct(services: EmulatorServices, stores: WhatsAppStores): Product {
  const { media, templates } = stores;
  const messages = new WhatsAppMessagesEndpoint(services, stores);
  const mediaEndpoints = new WhatsAppMediaEndpoints(services, media);
  return {
    network: "whatsapp",
    routes: [
      { method: "POST", node: "account", edge: "messages", kinds: classifyWhatsAppSend, handle: (call) => messages.handle(call) },
      { method: "POST", node: "account", edge: "media", kinds: () => ["media"], handle: (call) => mediaEndpoints.upload(call) },
      { method: "GET", node: "account", kinds: () => ["account"], handle: describePhoneNumber },
      { method: "POST", node: "business", edge: "subscribed_apps", kinds: () => ["account"], handle: subscribeApp },
      { method: "GET", node: "business", edge: "message_templates", kinds: () => ["template"], handle: (call) => listTemplates(call, templates, services.publicUrl()) },
      // an id that is no WABA of the emulator: Meta's "does not exist or cannot be loaded"
      { method: "GET", node: "object", edge: "message_templates", kinds: () => ["template"], handle: (call) => { throw unsupportedRequest(call.method, call.nodeId); } },
      { method: "GET", node: "object", kinds: () => ["media"], handle: (call) => mediaEndpoints.describe(call) },
      { method: "DELETE", node: "object", kinds: () => ["media"], handle: (call) => mediaEndpoints.delete(call) },
    ],
    rawRoutes: [mediaDownloadRoute(media, services.directory)],
    knowsObject: (nodeId) => mediaEndpoints.knows(nodeId),
    newInboundMessageId: () => newWamid(),
    inboundWebhook: (event) => whatsappInboundWebhook(event, services.ledger),
  };
}
