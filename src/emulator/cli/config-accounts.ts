import { ConfigError } from "../../config/errors";
import { loadConfig } from "../../config/load";
import { NETWORK_IDS } from "../../config/network-sections";
import type { Config } from "../../config/schema";
import type { EmulatorAccount } from "../types";

/** The config file cannot give the emulator usable accounts; the message says what to fix. */
export class ConfigAccountsError extends Error {}

export interface ConfiguredAccounts {
  accounts: EmulatorAccount[];
  /** The bridge's local webhook listener, http://hostname:port. */
  webhooksUrl: string;
}

function localWebhooksUrl(config: Config): string {
  const { hostname, port } = config.webhooks;
  const host = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The accounts of every enabled network in a Switchboard config file (read exactly as the bridge
 * reads it, environment overrides included), with the bridge's webhook URLs.
 */
export function accountsFromConfig(path: string, webhooksUrlOverride: string | undefined, env: Record<string, string | undefined> = process.env): ConfiguredAccounts {
  let config: Config;
  try {
    config = loadConfig(path, env).config;
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigAccountsError(err.message);
    throw err;
  }
  const webhooksUrl = webhooksUrlOverride ?? localWebhooksUrl(config);
  const accounts = NETWORK_IDS.flatMap((network): EmulatorAccount[] => {
    const section = config.networks[network];
    if (!section.enabled) return [];
    return section.accounts.map((account) => ({
      network,
      id: account.id,
      accessToken: account.access_token || section.access_token,
      appSecret: section.app_secret,
      webhookUrl: `${webhooksUrl}/webhooks/${network}`,
      verifyToken: section.verify_token || undefined,
      appId: section.app_id || undefined,
      name: account.name || undefined,
      wabaId: account.waba_id || undefined,
    }));
  });
  if (accounts.length === 0) throw new ConfigAccountsError(`${path} has no enabled network with accounts (networks.<network>.enabled and .accounts)`);
  return { accounts, webhooksUrl };
}
