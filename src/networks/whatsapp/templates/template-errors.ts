import { NetworkError } from "../../../core/networks/network-error";
import { capitalise, type ErrorRule } from "../../meta/error-mapping";

/** An account without networks.whatsapp.accounts[].waba_id cannot look its templates up. */
export function noWabaId(account: string, accountId: string): NetworkError {
  return new NetworkError(
    "permission",
    `Account ${account} has no WhatsApp Business Account id, so its message templates cannot be listed; ` +
      "an admin must set networks.whatsapp.accounts[].waba_id for it (the WhatsApp Business Account id shown in WhatsApp Manager).",
    `no waba_id for account ${accountId}`,
  );
}

/** Listing templates: an unknown or unreadable WABA, a token without whatsapp_business_management. */
export function templateListRules(wabaId: string): ErrorRule[] {
  return [
    {
      codes: [100],
      subcodes: [33],
      reason: "permission",
      message: (ctx) =>
        `WhatsApp knows no WhatsApp Business Account ${wabaId} that the token of account ${ctx.account} may read; ${ctx.outcome}. ` +
        "An admin must check networks.whatsapp.accounts[].waba_id.",
    },
    {
      codes: [3, 10, 200],
      reason: "permission",
      message: (ctx) =>
        `The access token of account ${ctx.account} may not read the message templates of WhatsApp Business Account ${wabaId} ` +
        `(it needs the whatsapp_business_management permission); ${ctx.outcome}.`,
    },
  ];
}

/**
 * Sending a template: Meta's 132xxx codes (WhatsApp error-codes table) in words that say what to
 * do, and code 100, which for a template usually means a parameter Meta does not take.
 */
export function templateSendRules(name: string, language: string, parameterCount: number): ErrorRule[] {
  const which = `${name} (${language})`;
  const given = parameterCount === 1 ? "1 parameter" : `${parameterCount} parameters`;
  return [
    {
      codes: [132000],
      reason: "invalid",
      message: (ctx) => `The template ${which} takes a different number of parameters than the ${given} given; ${ctx.outcome}. List the templates to see what it needs.`,
    },
    {
      codes: [132001],
      reason: "invalid",
      message: (ctx) =>
        `WhatsApp has no approved template ${name} in language ${language} for account ${ctx.account}; ${ctx.outcome}. List the templates to see the approved ones and their languages.`,
    },
    {
      codes: [132005],
      reason: "invalid",
      message: (ctx) => `The template ${which} is too long once its parameters are filled in (or its translation is missing); ${ctx.outcome}. Try shorter parameters.`,
    },
    {
      codes: [132007],
      reason: "invalid",
      message: (ctx) => `WhatsApp refused the template ${which} because its content breaks a WhatsApp policy; ${ctx.outcome}. An admin must fix it in WhatsApp Manager.`,
    },
    {
      codes: [132012],
      reason: "invalid",
      message: (ctx) => `The parameters do not have the format the template ${which} was created with; ${ctx.outcome}.`,
    },
    {
      codes: [132015],
      reason: "permission",
      message: (ctx) => `WhatsApp has paused the template ${which} for low quality; ${ctx.outcome}. An admin must edit it in WhatsApp Manager and have it approved again.`,
    },
    {
      codes: [132016],
      reason: "permission",
      message: (ctx) => `WhatsApp has disabled the template ${which} for good (paused too often for low quality); ${ctx.outcome}. An admin must create a new template.`,
    },
    {
      codes: [100],
      reason: "invalid",
      message: (ctx) =>
        `${capitalise(ctx.label)} refused the template request as invalid (a parameter may be empty, or hold a line break, a tab or more than 4 spaces in a row); ${ctx.outcome}.`,
    },
  ];
}
