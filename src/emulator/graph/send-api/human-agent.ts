import { GraphError } from "../graph-error";
import type { ResolvedAccount } from "../directory";

/**
 * The HUMAN_AGENT tag is only for apps with Meta's Human Agent permission (EmulatorAccount
 * humanAgent). Meta's exact answer to an app without it is not documented; Graph's permission
 * error (code 10, no subcode) stands in for it.
 */
export function checkHumanAgentTag(account: ResolvedAccount, tag: string | undefined): void {
  if (tag !== "HUMAN_AGENT" || account.humanAgent) return;
  throw new GraphError({ code: 10, message: "(#10) Application does not have permission for this action: the HUMAN_AGENT tag needs the Human Agent permission" });
}
