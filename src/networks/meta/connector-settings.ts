import type { NetworkConfig } from "../../config/network-sections";

/** The part of a network's config section the connector uses. */
export type MetaConnectorSettings = Pick<NetworkConfig, "graph_api" | "access_token" | "app_secret" | "verify_token" | "app_id" | "accounts" | "human_agent">;

/** An account the bridge acts through, with the token it acts with. */
export interface MetaAccount {
  id: string;
  label: string;
  accessToken: string;
  /** WhatsApp: the WhatsApp Business Account the number belongs to (for templates); "" when not configured */
  wabaId: string;
}

/** A section with no account: the connector describes itself and validates ids, nothing more. */
export const UNCONFIGURED: MetaConnectorSettings = {
  graph_api: { base_url: "https://graph.facebook.com", version: "v26.0", timeout_ms: 20_000, max_retries: 4 },
  access_token: "",
  app_secret: "",
  verify_token: "",
  app_id: "",
  accounts: [],
  human_agent: false,
};

/** The configured accounts; an account without its own token uses the network's. */
export function accountsOf(settings: MetaConnectorSettings): MetaAccount[] {
  return settings.accounts.map((account) => ({
    id: account.id,
    label: account.name || account.id,
    accessToken: account.access_token || settings.access_token,
    wabaId: account.waba_id,
  }));
}
