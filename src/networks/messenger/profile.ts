import { asString } from "../meta/json";
import type { ProfileSpec } from "../meta/product";

/** GET /{psid}?fields=first_name,last_name,profile_pic → "First Last" and the picture. */
export const messengerProfile: ProfileSpec = {
  fields: "first_name,last_name,profile_pic",
  toProfile(json) {
    const name = [asString(json.first_name), asString(json.last_name)].filter(Boolean).join(" ").trim();
    const avatarUrl = asString(json.profile_pic);
    return { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
  },
};
