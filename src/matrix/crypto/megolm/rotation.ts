import type { GroupShareRecord } from "../../../store";
import type { DeviceAddress } from "../types";

export interface RotationPolicy {
  rotationPeriodMs: number;
  rotationPeriodMsgs: number;
}

export type RotationReason = "age" | "message-count" | "recipient-gone";

/** Whether an outbound session has lived long enough (time or messages) per the room's policy. */
export function rotationByUse(session: { createdAt: number; messageCount: number }, policy: RotationPolicy, now: number): RotationReason | null {
  if (session.messageCount >= policy.rotationPeriodMsgs) return "message-count";
  if (now - session.createdAt >= policy.rotationPeriodMs) return "age";
  return null;
}

/**
 * Whether a device that holds the session is no longer among the recipients (its user left, or the
 * device was deleted): it could read what follows, so the session must change.
 */
export function rotationByRecipients(shares: readonly GroupShareRecord[], recipients: readonly DeviceAddress[]): RotationReason | null {
  const current = new Set(recipients.map(addressKey));
  return shares.some((share) => share.withheld === null && !current.has(addressKey(share))) ? "recipient-gone" : null;
}

export const addressKey = (device: DeviceAddress): string => `${device.userId}|${device.deviceId}`;
