import { windowClosedRule, type ErrorRule } from "../meta/error-mapping";
import { MESSENGER_SEND_API } from "./send-api";

/** Messenger Platform codes that mean more than the shared table says. */
export const MESSENGER_ERROR_RULES: readonly ErrorRule[] = [
  windowClosedRule([10], MESSENGER_SEND_API.windowClosedSubcodes),
  {
    codes: [10],
    subcodes: [1893063],
    reason: "permission",
    message: (ctx) => `Meta has temporarily restricted the Page ${ctx.account} from sending messages; ${ctx.outcome}. It usually lifts after hours or days.`,
  },
];
