import type { MetaConnectorSettings } from "./connector-settings";
import type { MetaDeps } from "./deps";
import { MetaNetworkConnector } from "./meta-connector";
import type { MetaProduct } from "./product";
import { MetaProfileConnector } from "./profile-connector";

/** The connector for a product: with profile lookups when the product can read profiles. */
export function createMetaConnector(product: MetaProduct, settings: MetaConnectorSettings, deps: Partial<MetaDeps> = {}): MetaNetworkConnector {
  return product.profile ? new MetaProfileConnector(product, settings, deps) : new MetaNetworkConnector(product, settings, deps);
}
