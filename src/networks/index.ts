import { NETWORK_IDS, type ConfiguredNetworkId } from "../config/network-sections";
import type { Config } from "../config/schema";
import type { NetworkEntry } from "../core/networks/registry";
import { instagramDescriptor } from "./instagram/descriptor";
import { createMetaConnector } from "./meta/create-connector";
import type { MetaDeps } from "./meta/deps";
import type { MetaProduct } from "./meta/product";
import { messengerDescriptor } from "./messenger/descriptor";
import { whatsappDescriptor } from "./whatsapp/descriptor";

const products: Record<ConfiguredNetworkId, MetaProduct> = {
  whatsapp: whatsappDescriptor,
  messenger: messengerDescriptor,
  instagram: instagramDescriptor,
};

/**
 * The enabled networks, each with its connector and the config that shapes it in Matrix.
 * `deps` replaces fetch, sleep, randomness or the clock (tests).
 */
export function createNetworks(config: Config, deps: Partial<MetaDeps> = {}): NetworkEntry[] {
  return NETWORK_IDS.filter((id) => config.networks[id].enabled).map((id) => {
    const section = config.networks[id];
    return {
      connector: createMetaConnector(products[id], section, deps),
      prefix: section.prefix,
      displaynameTemplate: section.displayname_template,
      icon: section.icon,
    };
  });
}
