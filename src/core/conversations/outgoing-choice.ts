import type { PortalRecord } from "../../store/records";
import { isOpen, type WindowState } from "./window";

export interface PortalWindow {
  portal: PortalRecord;
  window: WindowState;
}

export type OutgoingChoice = { portal: PortalRecord; why: "reply" | "chosen" | "last-written" | "only-one" } | { none: PortalWindow[] };

/**
 * Which network a message in a contact room goes out on: the network of the message it replies
 * to; else the one a user chose (`via`); else the one the person last wrote from whose window is
 * open; else none (the caller says why and what to do).
 */
export interface OutgoingOptions {
  candidates: PortalWindow[];
  replyToNetwork?: string;
  chosenNetwork?: string | null;
}

export function chooseOutgoing(options: OutgoingOptions): OutgoingChoice {
  const [first] = rankOutgoing(options);
  return first ?? { none: options.candidates };
}

/**
 * Every network worth trying, best first: the replied message's, the chosen one, then those whose
 * window is open by how recently the person wrote there. The network itself has the last word on
 * its window: when it refuses, the next one is tried.
 */
export function rankOutgoing(options: OutgoingOptions): { portal: PortalRecord; why: "reply" | "chosen" | "last-written" | "only-one" }[] {
  const { candidates } = options;
  const byNetwork = (network: string | null | undefined) => candidates.find((c) => c.portal.network === network);
  const ranked: { portal: PortalRecord; why: "reply" | "chosen" | "last-written" | "only-one" }[] = [];
  const reply = byNetwork(options.replyToNetwork);
  if (reply) ranked.push({ portal: reply.portal, why: "reply" });
  const chosen = byNetwork(options.chosenNetwork);
  if (chosen && chosen !== reply) ranked.push({ portal: chosen.portal, why: "chosen" });
  const open = candidates
    .filter((c) => c !== reply && c !== chosen && isOpen(c.window))
    .sort((a, b) => (b.portal.lastInboundAt ?? 0) - (a.portal.lastInboundAt ?? 0));
  for (const c of open) ranked.push({ portal: c.portal, why: candidates.length === 1 ? "only-one" : "last-written" });
  return ranked;
}
