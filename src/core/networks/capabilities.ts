import type { NetworkConnector, ProfileLookup } from "./connector";

export function canLookUpProfiles(connector: NetworkConnector): connector is NetworkConnector & ProfileLookup {
  const candidate = connector as Partial<ProfileLookup>;
  return typeof candidate.getUserProfile === "function" && typeof candidate.fetchAvatar === "function";
}
