import { INSTAGRAM_SEND_API } from "../instagram/send-api";
import { MESSENGER_SEND_API } from "../messenger/send-api";
import { WhatsAppConnector } from "../whatsapp/connector";
import type { MetaConnectorSettings } from "./connector-settings";
import type { MetaDeps } from "./deps";
import { SendApiConnector } from "./messaging/send-api-connector";
import type { MetaNetworkConnector } from "./meta-connector";
import type { MetaProduct } from "./product";

/**
 * The connector for a product, with the optional capabilities its network has: WhatsApp through
 * the Cloud API, Messenger and Instagram through the Send API (with profile lookups).
 */
export function createMetaConnector(product: MetaProduct, settings: MetaConnectorSettings, deps: Partial<MetaDeps> = {}): MetaNetworkConnector {
  switch (product.id) {
    case "whatsapp":
      return new WhatsAppConnector(product, settings, deps);
    case "messenger":
      return new SendApiConnector(product, MESSENGER_SEND_API, settings, deps);
    case "instagram":
      return new SendApiConnector(product, INSTAGRAM_SEND_API, settings, deps);
  }
}
