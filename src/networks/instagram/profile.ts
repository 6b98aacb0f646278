import { asString } from "../meta/json";
import type { ProfileSpec } from "../meta/product";

/** GET /{igsid}?fields=name,username,profile_pic → the name, or "@username" when there is none. */
export const instagramProfile: ProfileSpec = {
  fields: "name,username,profile_pic",
  toProfile(json) {
    const username = asString(json.username);
    const name = asString(json.name)?.trim() || (username ? `@${username}` : undefined);
    const avatarUrl = asString(json.profile_pic);
    return { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
  },
};
