import { windowClosedRule, type ErrorRule } from "../meta/error-mapping";
import { INSTAGRAM_SEND_API } from "./send-api";

/** Instagram Messaging codes that mean more than the shared table says. */
export const INSTAGRAM_ERROR_RULES: readonly ErrorRule[] = [
  windowClosedRule([10], INSTAGRAM_SEND_API.windowClosedSubcodes),
  {
    codes: [100],
    subcodes: [2534014],
    reason: "recipient-unavailable",
    message: (ctx) => `Instagram cannot find this person for account ${ctx.account}; ${ctx.outcome}.`,
  },
];
