import { createHash } from "node:crypto";
import { describeError, getLogger } from "../../logging/logger";
import type { GhostKey, GhostRecord } from "../../store/records";
import type { MatrixPort } from "../matrix-port";
import { canLookUpProfiles } from "../networks/capabilities";
import type { RemoteProfile } from "../networks/connector";
import type { NetworkEntry, NetworkRegistry } from "../networks/registry";
import { ghostUserId, parseGhostUserId } from "./ghost-ids";

const log = getLogger("ghosts");

/** How long a looked-up profile is trusted before it is looked up again. */
const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

export interface GhostStorePort {
  get(key: GhostKey): Promise<GhostRecord | null>;
  upsert(record: GhostRecord): Promise<unknown>;
}

export function renderDisplayName(template: string, name: string): string {
  return template.replaceAll("{name}", name);
}

export interface GhostHints {
  /** the name the delivery carried, if any */
  name?: string;
  /** the account through which the person was seen (profile lookups need its token) */
  receiver?: string;
}

/** The person's own name inside a ghost's display name ("Bob (WhatsApp)" → "Bob"), else how the network writes their id. */
export function personName(entry: NetworkEntry, ghost: Pick<GhostRecord, "displayName" | "remoteId">): string {
  const [before, after = ""] = entry.displaynameTemplate.split("{name}") as [string, string?];
  const { displayName } = ghost;
  if (displayName && displayName.startsWith(before) && displayName.endsWith(after)) {
    const name = displayName.slice(before.length, displayName.length - after.length);
    if (name) return name;
  }
  return entry.connector.describeUser(ghost.remoteId);
}

/** Remote people as Matrix users: created on demand, registered once, profiles kept current. */
export class GhostService {
  constructor(
    private readonly ghosts: GhostStorePort,
    private readonly networks: NetworkRegistry,
    private readonly matrix: MatrixPort,
    private readonly now: () => number = Date.now,
  ) {}

  userIdFor(entry: NetworkEntry, remoteId: string): string {
    return ghostUserId(entry, remoteId, this.matrix.domain);
  }

  /** The ghost for a remote user, registered on the homeserver, with its name (and avatar) current. */
  async ensureGhost(entry: NetworkEntry, remoteId: string, hints: GhostHints = {}): Promise<GhostRecord> {
    const key = { network: entry.connector.id, remoteId };
    const existing = await this.ghosts.get(key);
    const profile = await this.lookUpProfile(entry, remoteId, existing, hints);
    const name = hints.name ?? profile?.name;
    const displayName =
      name !== undefined ? renderDisplayName(entry.displaynameTemplate, name) : (existing?.displayName ?? renderDisplayName(entry.displaynameTemplate, entry.connector.describeUser(remoteId)));
    const avatar = profile?.avatarUrl && hints.receiver ? await this.loadAvatar(entry, profile.avatarUrl, hints.receiver, existing) : undefined;

    const unchanged = existing?.registered && existing.displayName === displayName && !avatar && !profile;
    if (unchanged) return existing;

    const userId = this.userIdFor(entry, remoteId);
    if (!existing?.registered) await this.matrix.registerUser(userId);
    if (existing?.displayName !== displayName) await this.matrix.setDisplayName(userId, displayName);
    if (avatar) await this.matrix.setAvatarUrl(userId, avatar.mxc);
    const record: GhostRecord = {
      network: entry.connector.id,
      remoteId,
      userId,
      displayName,
      avatarUrl: avatar?.mxc ?? existing?.avatarUrl ?? null,
      avatarSource: avatar?.source ?? existing?.avatarSource ?? null,
      registered: true,
      profileUpdatedAt: profile ? this.now() : (existing?.profileUpdatedAt ?? null),
      createdAt: existing?.createdAt ?? this.now(),
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

  private async lookUpProfile(entry: NetworkEntry, remoteId: string, existing: GhostRecord | null, hints: GhostHints): Promise<RemoteProfile | undefined> {
    const { connector } = entry;
    if (!hints.receiver || !canLookUpProfiles(connector)) return undefined;
    const fresh = existing?.profileUpdatedAt && this.now() - existing.profileUpdatedAt < PROFILE_TTL_MS;
    if (fresh) return undefined;
    try {
      return await connector.getUserProfile(hints.receiver, remoteId);
    } catch (err) {
      log.warn("profile lookup failed; keeping the current name", { network: connector.id, error: describeError(err) });
      return undefined;
    }
  }

  /** Uploads the avatar when its bytes changed (profile picture URLs change on every lookup). */
  private async loadAvatar(entry: NetworkEntry, url: string, receiver: string, existing: GhostRecord | null): Promise<{ mxc: string; source: string } | undefined> {
    const { connector } = entry;
    if (!canLookUpProfiles(connector)) return undefined;
    try {
      const { data, mimeType } = await connector.fetchAvatar(url, receiver);
      const source = "sha256:" + createHash("sha256").update(data).digest("hex");
      if (existing?.avatarSource === source && existing.avatarUrl) return undefined;
      const mxc = await this.matrix.uploadContent(data, mimeType, "avatar");
      return { mxc, source };
    } catch (err) {
      log.warn("avatar download failed; keeping the current avatar", { network: connector.id, error: describeError(err) });
      return undefined;
    }
  }
}
