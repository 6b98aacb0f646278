import { NETWORK_IDS, type ConfiguredNetworkId } from "../config/network-sections";
import type { Config } from "../config/schema";
import type { NetworkEntry } from "../core/networks/registry";
import { instagramDescriptor } from "./instagram/descriptor";
import { MetaNetworkConnector, type MetaNetworkDescriptor } from "./meta/meta-connector";
import { messengerDescriptor } from "./messenger/descriptor";
import { whatsappDescriptor } from "./whatsapp/descriptor";

const descriptors: Record<ConfiguredNetworkId, MetaNetworkDescriptor> = {
  whatsapp: whatsappDescriptor,
  messenger: messengerDescriptor,
  instagram: instagramDescriptor,
};

/** The enabled networks, each with its connector and the config that shapes it in Matrix. */
export function createNetworks(config: Config): NetworkEntry[] {
  return NETWORK_IDS.filter((id) => config.networks[id].enabled).map((id) => {
    const section = config.networks[id];
    return {
      connector: new MetaNetworkConnector(descriptors[id]),
      prefix: section.prefix,
      displaynameTemplate: section.displayname_template,
      icon: section.icon,
    };
  });
}
