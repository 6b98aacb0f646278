import type {
  LocationSupport,
  MediaSupport,
  NetworkConnector,
  ProfileLookup,
  ReactionSupport,
  ReadMarking,
  TemplateSupport,
  TypingSupport,
  WindowRules,
} from "./connector";

/** Type guards for the optional capabilities: a connector implements only what its network can do. */
function has<T>(connector: NetworkConnector, ...methods: (keyof T & string)[]): connector is NetworkConnector & T {
  const candidate = connector as unknown as Record<string, unknown>;
  return methods.every((method) => typeof candidate[method] === "function");
}

export const canLookUpProfiles = (c: NetworkConnector): c is NetworkConnector & ProfileLookup =>
  has<ProfileLookup>(c, "getUserProfile", "fetchAvatar");
export const canCarryMedia = (c: NetworkConnector): c is NetworkConnector & MediaSupport =>
  has<MediaSupport>(c, "mediaLimits", "downloadMedia", "sendMedia");
export const canReact = (c: NetworkConnector): c is NetworkConnector & ReactionSupport => has<ReactionSupport>(c, "sendReaction");
export const canMarkRead = (c: NetworkConnector): c is NetworkConnector & ReadMarking => has<ReadMarking>(c, "markRead");
export const canShowTyping = (c: NetworkConnector): c is NetworkConnector & TypingSupport => has<TypingSupport>(c, "setTyping");
export const canSendLocation = (c: NetworkConnector): c is NetworkConnector & LocationSupport => has<LocationSupport>(c, "sendLocation");
export const hasWindowRules = (c: NetworkConnector): c is NetworkConnector & WindowRules => has<WindowRules>(c, "messagingWindow");
export const canSendTemplates = (c: NetworkConnector): c is NetworkConnector & TemplateSupport =>
  has<TemplateSupport>(c, "listTemplates", "sendTemplate");
