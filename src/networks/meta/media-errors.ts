import { SHARED_RULES, type ErrorRule } from "./error-mapping";

const unknownRecipient = SHARED_RULES.find((rule) => rule.reason === "recipient-unavailable" && rule.codes.includes(100))!;

/**
 * Consulted before the product's and shared rules when a file is uploaded or sent: there, an
 * invalid parameter almost always means the attachment (a URL Meta could not fetch, a type or size
 * it does not take), which the core answers by falling back to a file or a link.
 */
export const MEDIA_ERROR_RULES: readonly ErrorRule[] = [
  unknownRecipient,
  {
    codes: [100],
    reason: "unsupported",
    message: (ctx) => `${ctx.label} refused the file (it could not fetch or read it, or does not take its type or size); ${ctx.outcome}.`,
  },
];
