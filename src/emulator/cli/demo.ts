import type { EmulatedNetwork, EmulatorAccount, EmulatorUser } from "../types";

export const DEMO_WEBHOOKS_URL = "http://127.0.0.1:29331";

const DEMO_ACCOUNT_IDS: Record<EmulatedNetwork, string> = {
  whatsapp: "100000000000001",
  messenger: "100000000000002",
  instagram: "17841400000000003",
};

/** The demo WhatsApp number's WhatsApp Business Account (its demo templates). */
export const DEMO_WABA_ID = "100000000000004";

/** Made-up but fixed credentials, so a pasted config keeps working across emulator restarts. */
export function demoAccounts(webhooksUrl: string): EmulatorAccount[] {
  return (Object.keys(DEMO_ACCOUNT_IDS) as EmulatedNetwork[]).map((network) => ({
    network,
    id: DEMO_ACCOUNT_IDS[network],
    name: `Demo ${network} account`,
    accessToken: `demo-${network}-access-token`,
    appSecret: `demo-${network}-app-secret`,
    verifyToken: `demo-${network}-verify-token`,
    appId: network === "whatsapp" ? undefined : "100000000000010",
    wabaId: network === "whatsapp" ? DEMO_WABA_ID : undefined,
    webhookUrl: `${webhooksUrl}/webhooks/${network}`,
  }));
}

const DEMO_USER_IDS: Record<EmulatedNetwork, string> = {
  whatsapp: "15550001111",
  messenger: "7000000000000001",
  instagram: "17800000000000001",
};

export function demoUsers(networks: readonly EmulatedNetwork[]): EmulatorUser[] {
  return networks.map((network) => ({ network, id: DEMO_USER_IDS[network], name: "Dana Demo", firstName: "Dana", lastName: "Demo", username: "dana.demo", withAvatar: true }));
}

export function demoUserId(network: EmulatedNetwork): string {
  return DEMO_USER_IDS[network];
}
