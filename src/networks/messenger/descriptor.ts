import type { MetaNetworkDescriptor } from "../meta/meta-connector";

/** Messenger Platform: people are identified by a page-scoped id (PSID). */
export const messengerDescriptor: MetaNetworkDescriptor = {
  id: "messenger",
  label: "Messenger",
  userIdPattern: /^[0-9]{5,25}$/,
  protocol: {
    user_fields: ["psid"],
    location_fields: ["psid"],
    field_types: {
      psid: { regexp: "[0-9]{5,25}", placeholder: "Page-scoped user id, e.g. 6543210987654321" },
    },
  },
};
