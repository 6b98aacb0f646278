import { SHARED_RULES, windowClosedRule, type ErrorRule } from "../meta/error-mapping";

const authRule = SHARED_RULES.find((rule) => rule.reason === "auth")!;

/** WhatsApp Cloud API codes that mean more than the shared table says. */
export const WHATSAPP_ERROR_RULES: readonly ErrorRule[] = [
  { ...authRule, codes: [0] },
  windowClosedRule([131047], undefined, () => "or you can send an approved message template (the `template` command)"),
  {
    codes: [131026],
    reason: "recipient-unavailable",
    message: (ctx) =>
      `WhatsApp could not deliver to this person (the number may not be on WhatsApp, use an outdated app, or have blocked the business); ${ctx.outcome}.`,
  },
  {
    codes: [131048],
    reason: "rate-limited",
    message: (ctx) => `WhatsApp is restricting account ${ctx.account} for quality reasons (too many messages blocked or reported); ${ctx.outcome}.`,
  },
  {
    codes: [131051],
    reason: "unsupported",
    message: (ctx) => `WhatsApp does not support this kind of message; ${ctx.outcome}.`,
  },
  {
    codes: [131053],
    reason: "unsupported",
    message: (ctx) => `WhatsApp refused the file (its type or size is not accepted, or it could not be read); ${ctx.outcome}.`,
  },
  {
    codes: [131052],
    reason: "unsupported",
    message: (ctx) => `WhatsApp could not hand out the file (it may be larger than 100 MB); ${ctx.outcome}.`,
  },
  {
    codes: [131030],
    reason: "permission",
    message: (ctx) => `Account ${ctx.account} is a WhatsApp test number and may only message numbers on its allow list; ${ctx.outcome}.`,
  },
  {
    codes: [368, 131031],
    reason: "permission",
    message: (ctx) => `Meta has restricted or locked the WhatsApp business account of ${ctx.account}; ${ctx.outcome}. An admin must resolve it in WhatsApp Manager.`,
  },
  {
    codes: [131005],
    reason: "permission",
    message: (ctx) => `Account ${ctx.account} lacks the whatsapp_business_messaging permission; ${ctx.outcome}. An admin must grant it to the token.`,
  },
  {
    codes: [131008, 131009, 131021],
    reason: "invalid",
    message: (ctx) => `WhatsApp refused the request as invalid; ${ctx.outcome}.`,
  },
];

/** Looking up a media id from a webhook: an id Meta no longer knows means the file is gone (webhook media ids last 7 days). */
export const WHATSAPP_MEDIA_LOOKUP_RULES: readonly ErrorRule[] = [
  {
    codes: [100],
    subcodes: [33],
    reason: "unsupported",
    message: (ctx) => `WhatsApp no longer has this file (files people send stay available for 7 days); ${ctx.outcome}.`,
  },
];
