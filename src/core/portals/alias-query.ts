import { getLogger } from "../../logging/logger";
import type { PortalKey, PortalRecord } from "../../store/records";
import type { MatrixPort } from "../matrix-port";
import type { NetworkRegistry } from "../networks/registry";
import { parsePortalAlias } from "./portal-alias";

const log = getLogger("portals");

export interface PortalLookupPort {
  get(key: PortalKey): Promise<PortalRecord | null>;
}

/** Answers the homeserver's alias queries: an alias exists when its portal has a room. */
export class AliasQueryHandler {
  constructor(
    private readonly portals: PortalLookupPort,
    private readonly networks: NetworkRegistry,
    private readonly matrix: MatrixPort,
  ) {}

  async handle(alias: string): Promise<boolean> {
    const key = parsePortalAlias(alias, this.networks, this.matrix.domain);
    if (!key) return false;
    const portal = await this.portals.get(key);
    if (!portal?.roomId) return false;
    await this.matrix.createAlias(alias, portal.roomId);
    log.info("created a portal alias on query", { network: key.network, roomId: portal.roomId });
    return true;
  }
}
