import { deepMerge, type ConfigTree } from "./deep-merge";

export interface BridgeConfigSettings {
  homeserverUrl: string;
  serverName: string;
  bridgePort: number;
}

/** The bridge config the harness runs with; relative paths resolve against the config's directory. */
export function baseBridgeConfig(settings: BridgeConfigSettings): ConfigTree {
  return {
    homeserver: { url: settings.homeserverUrl, domain: settings.serverName },
    appservice: {
      id: "switchboard",
      address: `http://127.0.0.1:${settings.bridgePort}`,
      hostname: "127.0.0.1",
      port: settings.bridgePort,
      registration: "registration.yaml",
    },
    bot: { username: "switchboard", displayname: "Switchboard" },
    database: { type: "sqlite", path: "switchboard.db" },
    permissions: { [settings.serverName]: "user" },
    logging: { level: "debug" },
    networks: {
      whatsapp: { enabled: true },
      messenger: { enabled: true },
      instagram: { enabled: true },
    },
  };
}

export function bridgeConfig(settings: BridgeConfigSettings, overrides?: ConfigTree): ConfigTree {
  return deepMerge(baseBridgeConfig(settings), overrides);
}
