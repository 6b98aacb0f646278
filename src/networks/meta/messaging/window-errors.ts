import { capitalise, windowClosedRule, type ErrorRule } from "../error-mapping";
import { HUMAN_AGENT_WINDOW_MS } from "../messaging-windows";
import type { ReplyMode } from "./reply-mode";
import type { SendApiDialect } from "./send-api-dialect";

/** What the connector knew when it sent, for the sentence a refusal gets. */
export interface WindowSituation {
  dialect: SendApiDialect;
  humanAgentConfigured: boolean;
  mode: ReplyMode;
  lastInboundAt: number | undefined;
  now: number;
}

/**
 * The Send API's window refusals worded for the situation: a refused HUMAN_AGENT answer points at
 * the permission, an answer after 7 days says so, and without the option the admin learns it exists.
 */
export function sendApiWindowRules(situation: WindowSituation): ErrorRule[] {
  const subcodes = situation.dialect.windowClosedSubcodes;
  if (situation.mode === "human-agent") {
    return [
      {
        codes: [10],
        subcodes,
        reason: "window-closed",
        message: (ctx) =>
          `${capitalise(ctx.outcome)}: ${ctx.label} refused it as outside the messaging window even with the HUMAN_AGENT tag ` +
          `(allowed up to 7 days after the person's last message, for apps with Meta's Human Agent permission); they must write first. ` +
          `An admin should check networks.${ctx.network}.human_agent.`,
      },
      {
        codes: [10, 200],
        when: (error) => error.subcode === undefined,
        reason: "permission",
        message: (ctx) =>
          `${ctx.label} refused the HUMAN_AGENT tag from account ${ctx.account}: the Meta app lacks the Human Agent permission. ` +
          `${capitalise(ctx.outcome)}; an admin must get the permission approved in Meta's App Review, or set networks.${ctx.network}.human_agent to false.`,
      },
    ];
  }
  const { lastInboundAt, now } = situation;
  if (situation.humanAgentConfigured && lastInboundAt !== undefined && now - lastInboundAt > HUMAN_AGENT_WINDOW_MS) {
    return [
      {
        codes: [10],
        subcodes,
        reason: "window-closed",
        message: (ctx) =>
          `${capitalise(ctx.outcome)}: it has been more than 7 days since this person last wrote on ${ctx.label}, too long even for a human agent's answer; they must write first.`,
      },
    ];
  }
  if (!situation.humanAgentConfigured) {
    return [
      windowClosedRule(
        [10],
        subcodes,
        (ctx) => `or an admin can let people answer for up to 7 days with networks.${ctx.network}.human_agent once the Meta app has the Human Agent permission`,
      ),
    ];
  }
  return [];
}
