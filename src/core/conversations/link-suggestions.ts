/**
 * Notices when the same name writes on two networks within a short time: maybe one person, maybe
 * not. The bridge only ever suggests a link (no network proves two accounts are one person).
 */
export class LinkSuggestions {
  private readonly recent = new Map<string, { network: string; remoteId: string; at: number }[]>();

  constructor(
    private readonly windowMs = 30 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a person seen; returns the same name seen recently on another network, if any. */
  seen(name: string, network: string, remoteId: string): { network: string; remoteId: string } | undefined {
    const key = name.trim().toLowerCase();
    if (!key) return undefined;
    const now = this.now();
    const fresh = (this.recent.get(key) ?? []).filter((s) => now - s.at < this.windowMs && !(s.network === network && s.remoteId === remoteId));
    const match = fresh.find((s) => s.network !== network);
    this.recent.set(key, [...fresh, { network, remoteId, at: now }]);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.keys().next().value!);
    return match ? { network: match.network, remoteId: match.remoteId } : undefined;
  }
}
