import { windowClosedRule, type ErrorRule } from "../meta/error-mapping";

/** Instagram Messaging codes that mean more than the shared table says. */
export const INSTAGRAM_ERROR_RULES: readonly ErrorRule[] = [
  // 2534022 is Instagram's own subcode; 2018278 is Messenger's, seen when IG is reached through a Page
  windowClosedRule([10], [2534022, 2018278]),
  {
    codes: [100],
    subcodes: [2534014],
    reason: "recipient-unavailable",
    message: (ctx) => `Instagram cannot find this person for account ${ctx.account}; ${ctx.outcome}.`,
  },
];
