import type { Product } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import { describeAccount, subscribeApp } from "../graph/send-api/account-nodes";
import { SendApiEndpoint } from "../graph/send-api/messages-endpoint";
import { inboundMessagingEvent, messagingEnvelope } from "../graph/send-api/messaging-webhook";
import { classifySendApi } from "../graph/send-api/send-request";
import { INSTAGRAM_RULES } from "./rules";
import { instagramUserProfile } from "./user-profile";

function usernameOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._]+/g, "_");
}

/** Instagram Messaging: the Send API, user profiles, the professional account node, and its webhooks. */
export function createInstagramProduct(services: EmulatorServices): Product {
  const send = new SendApiEndpoint(services, INSTAGRAM_RULES);
  return {
    network: "instagram",
    routes: [
      { method: "POST", node: "account", edge: "messages", kinds: classifySendApi, handle: (call) => send.handle(call) },
      { method: "POST", node: "account", edge: "subscribed_apps", kinds: () => ["account"], handle: subscribeApp },
      {
        method: "GET",
        node: "account",
        kinds: () => ["account"],
        handle: (call) =>
          describeAccount(call, "IGUser", { id: call.account.id, user_id: call.account.id, name: call.account.name, username: usernameOf(call.account.name) }),
      },
      { method: "GET", node: "object", kinds: () => ["profile"], handle: (call) => instagramUserProfile(call, services.directory, services.ledger, services.publicUrl()) },
    ],
    rawRoutes: [],
    knowsObject: (nodeId) => services.directory.user("instagram", nodeId) !== undefined,
    newInboundMessageId: (account) => INSTAGRAM_RULES.newMessageId(account),
    inboundWebhook: (event) => messagingEnvelope("instagram", event.account, event.now, inboundMessagingEvent(event)),
  };
}
