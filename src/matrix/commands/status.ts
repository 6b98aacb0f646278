import type { NetworkStatus } from "../../core/networks/connector";

/** What the status commands report. */
export interface BridgeStatusSource {
  version: string;
  networks(): { label: string; status: NetworkStatus }[];
  /** round trip homeserver → bridge, in ms (throws when the homeserver cannot reach the bridge) */
  pingHomeserver(): Promise<number>;
}
