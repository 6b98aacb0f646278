import type { NetworkConnector, NetworkId, RemoteEventSink, ThirdPartyProtocol } from "./connector";

/** A connector plus how it appears in Matrix (from config). */
export interface NetworkEntry {
  connector: NetworkConnector;
  /** localpart prefix of its ghosts and portal aliases, e.g. "whatsapp_" */
  prefix: string;
  displaynameTemplate: string;
  /** mxc:// URI or "" */
  icon: string;
}

export class NetworkRegistry {
  private readonly entries = new Map<string, NetworkEntry>();

  constructor(entries: NetworkEntry[]) {
    for (const entry of entries) this.entries.set(entry.connector.id, entry);
  }

  get(id: string): NetworkEntry | undefined {
    return this.entries.get(id);
  }

  list(): NetworkEntry[] {
    return [...this.entries.values()];
  }

  /** The network whose prefix starts this localpart, and the rest of the localpart. */
  matchLocalpart(localpart: string): { entry: NetworkEntry; rest: string } | undefined {
    for (const entry of this.entries.values()) {
      if (localpart.startsWith(entry.prefix) && localpart.length > entry.prefix.length) {
        return { entry, rest: localpart.slice(entry.prefix.length) };
      }
    }
    return undefined;
  }

  protocol(id: string): ThirdPartyProtocol | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const { connector, icon } = entry;
    return {
      ...connector.protocolFields(),
      icon,
      instances: [{ desc: `${connector.label} (via Switchboard)`, icon: icon || undefined, fields: {}, network_id: connector.id }],
    };
  }

  async startAll(sink: RemoteEventSink): Promise<void> {
    await Promise.all(this.list().map((e) => e.connector.start(sink)));
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.list().map((e) => e.connector.stop()));
  }

  ids(): NetworkId[] {
    return this.list().map((e) => e.connector.id);
  }
}
