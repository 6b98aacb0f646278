import { unsupportedRequest } from "../graph/common-errors";
import type { Directory } from "../graph/directory";
import { displayName } from "../graph/directory";
import { rejectUnknownKeys, requestedFields } from "../graph/params";
import type { GraphCall, GraphResult } from "../graph/product";
import { profilePictureUrl } from "../graph/profile-pictures";

// locale, timezone and gender exist but need an approval the emulated app lacks: asked for, they stay absent.
const FIELDS = ["id", "name", "first_name", "last_name", "profile_pic", "locale", "timezone", "gender"];

/** GET /{psid}?fields=first_name,last_name,profile_pic with the Page's token. */
export function messengerUserProfile(call: GraphCall, directory: Directory, publicUrl: string): GraphResult {
  rejectUnknownKeys(call.params, ["fields"]);
  const user = directory.user("messenger", call.nodeId);
  if (!user) throw unsupportedRequest(call.method, call.nodeId);
  const [first, ...rest] = displayName(user).split(" ");
  const values: Record<string, unknown> = {
    id: user.id,
    name: displayName(user),
    first_name: user.firstName ?? first,
    last_name: user.lastName ?? rest.join(" "),
    profile_pic: user.withAvatar ? profilePictureUrl(publicUrl, "messenger", user.id) : undefined,
  };
  const fields = requestedFields(call.params, FIELDS, ["name", "id"], "User");
  return { body: Object.fromEntries(fields.map((field) => [field, values[field]])) };
}
