import { getLogger } from "../../logging/logger";
import type { GhostKey, GhostRecord } from "../../store/records";
import type { MatrixPort } from "../matrix-port";
import type { NetworkEntry, NetworkRegistry } from "../networks/registry";
import { ghostUserId, parseGhostUserId } from "./ghost-ids";

const log = getLogger("ghosts");

export interface GhostStorePort {
  get(key: GhostKey): Promise<GhostRecord | null>;
  upsert(record: GhostRecord): Promise<unknown>;
}

export function renderDisplayName(template: string, name: string): string {
  return template.replaceAll("{name}", name);
}

/** Remote people as Matrix users: created on demand, registered once, remembered in the store. */
export class GhostService {
  constructor(
    private readonly ghosts: GhostStorePort,
    private readonly networks: NetworkRegistry,
    private readonly matrix: MatrixPort,
  ) {}

  userIdFor(entry: NetworkEntry, remoteId: string): string {
    return ghostUserId(entry, remoteId, this.matrix.domain);
  }

  /** The ghost for a remote user, registered on the homeserver with its display name. */
  async ensureGhost(entry: NetworkEntry, remoteId: string, name?: string): Promise<GhostRecord> {
    const key = { network: entry.connector.id, remoteId };
    const existing = await this.ghosts.get(key);
    if (existing?.registered && (name === undefined || existing.displayName === renderDisplayName(entry.displaynameTemplate, name))) {
      return existing;
    }
    const userId = this.userIdFor(entry, remoteId);
    const displayName =
      name !== undefined ? renderDisplayName(entry.displaynameTemplate, name) : (existing?.displayName ?? renderDisplayName(entry.displaynameTemplate, remoteId));
    await this.matrix.registerUser(userId);
    if (existing?.displayName !== displayName) await this.matrix.setDisplayName(userId, displayName);
    const now = Date.now();
    const record: GhostRecord = {
      network: entry.connector.id,
      remoteId,
      userId,
      displayName,
      avatarUrl: existing?.avatarUrl ?? null,
      avatarSource: existing?.avatarSource ?? null,
      registered: true,
      profileUpdatedAt: now,
      createdAt: existing?.createdAt ?? now,
    };
    await this.ghosts.upsert(record);
    if (!existing) log.info("created a ghost", { network: entry.connector.id, userId });
    return record;
  }

  /** The homeserver asks whether a user in our namespaces exists: create it when the id is valid. */
  async handleUserQuery(userId: string): Promise<boolean> {
    const parsed = parseGhostUserId(userId, this.networks, this.matrix.domain);
    if (!parsed) return false;
    if (!parsed.entry.connector.isValidUserId(parsed.remoteId)) {
      log.debug("user query for an id the network would not accept", { userId });
      return false;
    }
    await this.ensureGhost(parsed.entry, parsed.remoteId);
    return true;
  }
}
