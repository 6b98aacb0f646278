import type { MessagingWindow } from "../../../core/networks/connector";
import { FREE_FORM_WINDOW_MS, HUMAN_AGENT_WINDOW_MS } from "../messaging-windows";

/**
 * Messenger's and Instagram's window: 24 hours, stretched to 7 days for a human's answer when the
 * app has Meta's Human Agent permission (config human_agent). Outside it, nothing can be sent.
 */
export function sendApiWindow(network: string, humanAgent: boolean): MessagingWindow {
  if (humanAgent) return { freeFormMs: FREE_FORM_WINDOW_MS, humanAgentMs: HUMAN_AGENT_WINDOW_MS, outsideWindow: "nothing until the person writes again" };
  return {
    freeFormMs: FREE_FORM_WINDOW_MS,
    outsideWindow:
      "nothing until the person writes again (with Meta's Human Agent permission, an admin can set " +
      `networks.${network}.human_agent to answer for up to 7 days)`,
  };
}
