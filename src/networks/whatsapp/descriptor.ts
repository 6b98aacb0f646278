import type { MetaProduct } from "../meta/product";
import { WHATSAPP_ERROR_RULES } from "./errors";
import { whatsappRequests, whatsappSentMessageId } from "./outgoing";
import { describeWhatsAppUser, WHATSAPP_USER_ID } from "./user-ids";
import { parseWhatsAppDelivery } from "./webhook-parser";

/** WhatsApp Cloud API: people are identified by their WhatsApp id (phone digits) or a BSUID. */
export const whatsappDescriptor: MetaProduct = {
  id: "whatsapp",
  label: "WhatsApp",
  webhookObject: "whatsapp_business_account",
  userIdPattern: WHATSAPP_USER_ID,
  protocol: {
    user_fields: ["phone_number"],
    location_fields: ["phone_number"],
    field_types: {
      phone_number: { regexp: "\\+?[0-9][0-9 ().-]{5,24}", placeholder: "+1 555 123 4567" },
    },
  },
  describeUser: describeWhatsAppUser,
  parseDelivery: parseWhatsAppDelivery,
  outgoingRequests: whatsappRequests,
  sentMessageId: whatsappSentMessageId,
  errorRules: WHATSAPP_ERROR_RULES,
};
