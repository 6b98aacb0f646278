import { asString } from "../meta/json";

/** A WhatsApp timestamp (a string of Unix seconds) in epoch ms, or `fallback` when unreadable. */
export function whatsappTime(value: unknown, fallback: number): number {
  const seconds = Number(asString(value) ?? value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallback;
}
