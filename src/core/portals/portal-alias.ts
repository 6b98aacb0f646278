import { escapeLocalpart, InvalidEscapeError, unescapeLocalpart } from "../ids/localpart-escape";
import type { NetworkEntry, NetworkRegistry } from "../networks/registry";
import type { PortalKey } from "../../store/records";

/**
 * A portal's alias: `#<prefix><escaped chat id>.<escaped receiver>:<domain>`. Escaping never
 * leaves a "." in either part, so the split is unambiguous.
 */
export function portalAlias(entry: NetworkEntry, key: PortalKey, domain: string): string {
  return `#${entry.prefix}${escapeLocalpart(key.chatId)}.${escapeLocalpart(key.receiver)}:${domain}`;
}

export function parsePortalAlias(alias: string, networks: NetworkRegistry, domain: string): PortalKey | undefined {
  const match = /^#([^:]+):(.+)$/.exec(alias);
  if (!match || match[2] !== domain) return undefined;
  const found = networks.matchLocalpart(match[1]!);
  if (!found) return undefined;
  const parts = found.rest.split(".");
  if (parts.length !== 2) return undefined;
  try {
    return { network: found.entry.connector.id, chatId: unescapeLocalpart(parts[0]!), receiver: unescapeLocalpart(parts[1]!) };
  } catch (err) {
    if (err instanceof InvalidEscapeError) return undefined;
    throw err;
  }
}
