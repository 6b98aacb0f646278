import { createHash, randomBytes, randomInt } from "node:crypto";

export function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}

/** Digits derived from a seed, so ids made up for an account stay the same across runs. */
export function stableDigits(seed: string, length: number): string {
  const hash = createHash("sha256").update(seed).digest();
  let digits = String((hash[0]! % 9) + 1);
  for (let i = 1; digits.length < length; i++) digits += String(hash[i % hash.length]! % 10);
  return digits;
}

export function fbtraceId(): string {
  return "A" + randomBytes(17).toString("base64url").slice(0, 22);
}

/** Standard base64 on purpose: real wamids contain "+", "/" and "=", which a bridge must carry intact. */
export function newWamid(): string {
  return "wamid." + randomBytes(35).toString("base64");
}

export function newMessengerMid(): string {
  return "m_" + randomBytes(60).toString("base64url");
}

export function newInstagramMid(accountId: string): string {
  return Buffer.from(`ig_message_item:1:IGMessageThread:${accountId}:${randomDigits(19)}`).toString("base64").replace(/=+$/, "");
}

export function newMediaId(): string {
  return randomDigits(16);
}

export function newChallenge(): string {
  return randomDigits(10);
}
