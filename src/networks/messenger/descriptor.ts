import { sendApiMessageId } from "../meta/plain-outgoing";
import { parseMessagingDelivery } from "../meta/messaging/delivery";
import type { MetaProduct } from "../meta/product";
import { MESSENGER_ERROR_RULES } from "./errors";
import { messengerRequests } from "./outgoing";
import { messengerProfile } from "./profile";

/** Messenger Platform: people are identified by a page-scoped id (PSID). */
export const messengerDescriptor: MetaProduct = {
  id: "messenger",
  label: "Messenger",
  webhookObject: "page",
  userIdPattern: /^[0-9]{5,25}$/,
  protocol: {
    user_fields: ["psid"],
    location_fields: ["psid"],
    field_types: {
      psid: { regexp: "[0-9]{5,25}", placeholder: "Page-scoped user id, e.g. 6543210987654321" },
    },
  },
  describeUser: (psid) => `Messenger user ${psid}`,
  parseDelivery: (payload, ctx) => parseMessagingDelivery(payload, ctx, { network: "messenger", label: "Messenger" }),
  outgoingRequests: messengerRequests,
  sentMessageId: sendApiMessageId,
  errorRules: MESSENGER_ERROR_RULES,
  profile: messengerProfile,
};
