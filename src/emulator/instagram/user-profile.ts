import { unsupportedRequest } from "../graph/common-errors";
import type { Directory } from "../graph/directory";
import { GraphError } from "../graph/graph-error";
import type { MessageLedger } from "../graph/message-ledger";
import { rejectUnknownKeys, requestedFields } from "../graph/params";
import type { GraphCall, GraphResult } from "../graph/product";
import { profilePictureUrl } from "../graph/profile-pictures";

const FIELDS = ["id", "name", "username", "profile_pic", "follower_count", "is_verified_user", "is_user_follow_business", "is_business_follow_user"];

function consentRequired(): GraphError {
  return new GraphError({ code: 230, message: "(#230) User consent is required to access user profile" });
}

/** GET /{igsid}?fields=name,username,profile_pic; only for users who have written to the account. */
export function instagramUserProfile(call: GraphCall, directory: Directory, ledger: MessageLedger, publicUrl: string): GraphResult {
  rejectUnknownKeys(call.params, ["fields"]);
  const user = directory.user("instagram", call.nodeId);
  if (!user) throw unsupportedRequest(call.method, call.nodeId);
  if (ledger.lastInbound("instagram", call.account.id, user.id) === undefined) throw consentRequired();
  const values: Record<string, unknown> = {
    id: user.id,
    name: user.name ?? ([user.firstName, user.lastName].filter(Boolean).join(" ") || undefined),
    username: user.username ?? `user${user.id.slice(-6)}`,
    profile_pic: user.withAvatar ? profilePictureUrl(publicUrl, "instagram", user.id) : undefined,
    follower_count: 0,
    is_verified_user: false,
    is_user_follow_business: false,
    is_business_follow_user: false,
  };
  const fields = requestedFields(call.params, FIELDS, ["name", "id"], "User");
  return { body: Object.fromEntries(fields.map((field) => [field, values[field]])) };
}
