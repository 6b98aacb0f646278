import type { Product } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import { describeAccount, subscribeApp } from "../graph/send-api/account-nodes";
import { SendApiEndpoint } from "../graph/send-api/messages-endpoint";
import { inboundMessagingEvent, messagingEnvelope } from "../graph/send-api/messaging-webhook";
import { classifySendApi } from "../graph/send-api/send-request";
import { MESSENGER_RULES } from "./rules";
import { messengerUserProfile } from "./user-profile";

/** Messenger Platform: the Send API, user profiles, the Page node, and page webhooks. */
export function createMessengerProduct(services: EmulatorServices): Product {
  const send = new SendApiEndpoint(services, MESSENGER_RULES);
  return {
    network: "messenger",
    routes: [
      { method: "POST", node: "account", edge: "messages", kinds: classifySendApi, handle: (call) => send.handle(call) },
      { method: "POST", node: "account", edge: "subscribed_apps", kinds: () => ["account"], handle: subscribeApp },
      { method: "GET", node: "account", kinds: () => ["account"], handle: (call) => describeAccount(call, "Page", { id: call.account.id, name: call.account.name }) },
      { method: "GET", node: "object", kinds: () => ["profile"], handle: (call) => messengerUserProfile(call, services.directory, services.publicUrl()) },
    ],
    rawRoutes: [],
    knowsObject: (nodeId) => services.directory.user("messenger", nodeId) !== undefined,
    newInboundMessageId: (account) => MESSENGER_RULES.newMessageId(account),
    inboundWebhook: (event) => messagingEnvelope("page", event.account, event.now, inboundMessagingEvent(event)),
  };
}
