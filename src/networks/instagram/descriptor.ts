import { parseMessagingDelivery } from "../meta/messaging/delivery";
import { sendApiMessageId } from "../meta/plain-outgoing";
import type { MetaProduct } from "../meta/product";
import { INSTAGRAM_ERROR_RULES } from "./errors";
import { instagramRequests, instagramWithoutReply } from "./outgoing";
import { instagramProfile } from "./profile";

/** Instagram Messaging: people are identified by an Instagram-scoped id (IGSID). */
export const instagramDescriptor: MetaProduct = {
  id: "instagram",
  label: "Instagram",
  webhookObject: "instagram",
  userIdPattern: /^[0-9]{5,25}$/,
  protocol: {
    user_fields: ["igsid"],
    location_fields: ["igsid"],
    field_types: {
      igsid: { regexp: "[0-9]{5,25}", placeholder: "Instagram-scoped user id, e.g. 1234567890123456" },
    },
  },
  describeUser: (igsid) => `Instagram user ${igsid}`,
  parseDelivery: (payload, ctx) => parseMessagingDelivery(payload, ctx, { network: "instagram", label: "Instagram" }),
  outgoingRequests: instagramRequests,
  sentMessageId: sendApiMessageId,
  withoutReply: instagramWithoutReply,
  errorRules: INSTAGRAM_ERROR_RULES,
  profile: instagramProfile,
};
