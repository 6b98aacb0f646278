import type { MetaNetworkDescriptor } from "../meta/meta-connector";

/** Instagram Messaging: people are identified by an Instagram-scoped id (IGSID). */
export const instagramDescriptor: MetaNetworkDescriptor = {
  id: "instagram",
  label: "Instagram",
  userIdPattern: /^[0-9]{5,25}$/,
  protocol: {
    user_fields: ["igsid"],
    location_fields: ["igsid"],
    field_types: {
      igsid: { regexp: "[0-9]{5,25}", placeholder: "Instagram-scoped user id, e.g. 1234567890123456" },
    },
  },
};
