import { FREE_FORM_WINDOW_MS, HUMAN_AGENT_WINDOW_MS } from "../messaging-windows";
import type { OutgoingRequest } from "../product";

/**
 * How a Send API message goes out: as the product's plain answer (Messenger's RESPONSE), or as a
 * human agent's answer (`MESSAGE_TAG` + `HUMAN_AGENT`), which Meta accepts up to 7 days after the
 * person's last message from apps that have the Human Agent permission.
 */
export type ReplyMode = "standard" | "human-agent";

export const HUMAN_AGENT_FIELDS = { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" } as const;

/**
 * The human-agent tag only when the config says the app may use it and the person last wrote more
 * than 24 hours but at most 7 days ago; an unknown last message gets the plain answer (Meta decides).
 */
export function replyModeFor(lastInboundAt: number | undefined, now: number, humanAgentAllowed: boolean): ReplyMode {
  if (!humanAgentAllowed || lastInboundAt === undefined) return "standard";
  const age = now - lastInboundAt;
  return age > FREE_FORM_WINDOW_MS && age <= HUMAN_AGENT_WINDOW_MS ? "human-agent" : "standard";
}

/** The request as a human agent's answer: messaging_type MESSAGE_TAG with the HUMAN_AGENT tag. */
export function withReplyMode(request: OutgoingRequest, mode: ReplyMode): OutgoingRequest {
  if (mode === "standard") return request;
  return { path: request.path, body: { ...request.body, ...HUMAN_AGENT_FIELDS } };
}
