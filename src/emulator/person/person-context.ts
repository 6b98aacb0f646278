import { displayName, type ResolvedAccount } from "../graph/directory";
import type { Product } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import type { PersonTarget } from "../person-types";
import type { EmulatedNetwork, EmulatorUser, WebhookKind } from "../types";
import type { MediaStore } from "../whatsapp/media-store";

/** What the person's actions need from the emulator. */
export interface PersonDeps {
  services: EmulatorServices;
  /** WhatsApp's media store: files people send are hosted there, by media id. */
  whatsappMedia: MediaStore;
  products: ReadonlyMap<EmulatedNetwork, Product>;
}

/** A person acting in their chat with an account, at a moment. */
export interface Actor {
  network: EmulatedNetwork;
  account: ResolvedAccount;
  user: EmulatorUser;
  senderName: string;
  /** When the person acted (ms). */
  sentAt: number;
  now: number;
}

const LABELS: Record<EmulatedNetwork, string> = { whatsapp: "WhatsApp", messenger: "Messenger", instagram: "Instagram" };

/** Resolves who acts; a person who writes becomes known, as on the real networks. */
export function actorFor(deps: PersonDeps, target: PersonTarget): Actor {
  if (!deps.products.has(target.network)) throw new Error(`unknown network ${String(target.network)}`);
  if (typeof target.from !== "string" || target.from === "") throw new Error("the person needs from (the user's id)");
  const account = deps.services.directory.accountFor(target.network, target.accountId);
  const user = deps.services.directory.ensureUser(target.network, target.from, target.name);
  const now = deps.services.clock.now();
  return { network: target.network, account, user, senderName: target.name ?? displayName(user), sentAt: target.timestamp ?? now, now };
}

export function requireNetwork(target: { network: EmulatedNetwork }, allowed: readonly EmulatedNetwork[], what: string): void {
  if (!allowed.includes(target.network)) {
    throw new Error(`${LABELS[target.network] ?? String(target.network)} has no ${what}; only ${allowed.map((n) => LABELS[n]).join(" and ")}`);
  }
}

/** Records a person's message (it opens the window) before the webhook goes out: the bridge may answer from inside its handler. */
export function recordInbound(deps: PersonDeps, actor: Actor, messageId: string): void {
  deps.services.ledger.add({ network: actor.network, accountId: actor.account.id, userId: actor.user.id, messageId, direction: "inbound", at: actor.sentAt });
}

export async function post(deps: PersonDeps, actor: Actor, kind: WebhookKind, payload: unknown): Promise<{ status: number; body: string; payload: unknown }> {
  const response = await deps.services.webhooks.post({ account: actor.account, kind, payload });
  return { ...response, payload };
}

/** A message of the chat (either direction), or an error naming what is wrong. */
export function requireChatMessage(deps: PersonDeps, actor: Actor, messageId: string, direction?: "inbound" | "outbound"): void {
  const entry = deps.services.ledger.find(actor.network, actor.account.id, messageId);
  if (!entry || entry.userId !== actor.user.id) throw new Error(`${messageId} is not a message of the chat between ${actor.user.id} and ${actor.account.id}`);
  if (direction && entry.direction !== direction) throw new Error(`${messageId} was not ${direction === "inbound" ? "sent by the person" : "sent by the account"}`);
}
