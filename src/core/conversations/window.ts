import type { MessagingWindow } from "../networks/connector";

export type WindowState =
  | { state: "unknown" }
  | { state: "open"; until: number; humanAgent: boolean }
  | { state: "closed"; since: number };

/**
 * Where a chat stands in its network's messaging window, from when the person last wrote. Unknown
 * when the bridge never saw them write (the network decides then).
 */
export function windowState(rules: MessagingWindow, lastInboundAt: number | null, now: number): WindowState {
  if (lastInboundAt === null) return { state: "unknown" };
  const freeUntil = lastInboundAt + rules.freeFormMs;
  if (now < freeUntil) return { state: "open", until: freeUntil, humanAgent: false };
  if (rules.humanAgentMs !== undefined) {
    const agentUntil = lastInboundAt + rules.humanAgentMs;
    if (now < agentUntil) return { state: "open", until: agentUntil, humanAgent: true };
    return { state: "closed", since: agentUntil };
  }
  return { state: "closed", since: freeUntil };
}

export function isOpen(state: WindowState): boolean {
  return state.state !== "closed";
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** One line for a status report or a notice, e.g. "open for another 3 h" or "closed for 2 days". */
export function describeWindow(state: WindowState, now: number): string {
  switch (state.state) {
    case "unknown":
      return "unknown (the person has not written since the bridge started keeping track)";
    case "open":
      return `open for another ${duration(state.until - now)}${state.humanAgent ? " (human agent)" : ""}`;
    case "closed":
      return `closed for ${duration(now - state.since)}`;
  }
}
