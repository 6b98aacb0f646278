import type { MetaNetworkDescriptor } from "../meta/meta-connector";

/** WhatsApp Cloud API: people are identified by their WhatsApp id, the phone number in E.164 digits. */
export const whatsappDescriptor: MetaNetworkDescriptor = {
  id: "whatsapp",
  label: "WhatsApp",
  userIdPattern: /^[1-9][0-9]{6,14}$/,
  protocol: {
    user_fields: ["phone_number"],
    location_fields: ["phone_number"],
    field_types: {
      phone_number: { regexp: "\\+?[0-9][0-9 ().-]{5,24}", placeholder: "+1 555 123 4567" },
    },
  },
};
