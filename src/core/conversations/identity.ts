import type { IdentityKey } from "../../store/records";
import type { NetworkRegistry } from "../networks/registry";

/**
 * Reads "<network>:<remote id>" as a user typed it ("whatsapp:+1 555 123 4567" included) into an
 * identity the network would accept, or says what is wrong.
 */
export function parseIdentity(text: string, networks: NetworkRegistry): IdentityKey | { error: string } {
  const match = /^([a-z]+):(.+)$/.exec(text.trim());
  if (!match) return { error: `"${text}" is not <network>:<id> (e.g. whatsapp:15551234567)` };
  const [, network, raw] = match as unknown as [string, string, string];
  const entry = networks.get(network);
  if (!entry) return { error: `${network} is not a network of this bridge (${networks.ids().join(", ")})` };
  const compact = raw.replace(/[\s()+-]/g, "");
  const remoteId = /^\d+$/.test(compact) ? compact : raw.trim();
  if (!entry.connector.isValidUserId(remoteId)) return { error: `"${raw}" is not a ${entry.connector.label} user id` };
  return { network, remoteId };
}

export function formatIdentity(identity: IdentityKey): string {
  return `${identity.network}:${identity.remoteId}`;
}
