import { escapeLocalpart, InvalidEscapeError, unescapeLocalpart } from "../ids/localpart-escape";
import type { NetworkEntry, NetworkRegistry } from "../networks/registry";

export function ghostUserId(entry: NetworkEntry, remoteId: string, domain: string): string {
  return `@${entry.prefix}${escapeLocalpart(remoteId)}:${domain}`;
}

/** The network and remote id behind a ghost's Matrix id, or undefined when it is not one of ours. */
export function parseGhostUserId(
  userId: string,
  networks: NetworkRegistry,
  domain: string,
): { entry: NetworkEntry; remoteId: string } | undefined {
  const match = /^@([^:]+):(.+)$/.exec(userId);
  if (!match || match[2] !== domain) return undefined;
  const found = networks.matchLocalpart(match[1]!);
  if (!found) return undefined;
  try {
    return { entry: found.entry, remoteId: unescapeLocalpart(found.rest) };
  } catch (err) {
    if (err instanceof InvalidEscapeError) return undefined;
    throw err;
  }
}
