import { NETWORK_IDS } from "./network-sections";
import type { Config } from "./schema";

/** Rules that span several keys; each problem names the keys involved. */
export function crossChecks(config: Config): string[] {
  const problems: string[] = [];
  if (config.encryption.default && !config.encryption.enabled) {
    problems.push("encryption.default: true needs encryption.enabled: true (the bridge cannot encrypt portals otherwise)");
  }
  if (config.encryption.enabled && config.encryption.pickle_key.length < 32) {
    problems.push(
      "encryption.pickle_key: missing or shorter than 32 characters (expected a long random secret that encrypts the bridge's keys at rest, e.g. from `openssl rand -base64 32`; or SWITCHBOARD_ENCRYPTION_PICKLE_KEY)",
    );
  }
  const enabled = NETWORK_IDS.filter((id) => config.networks[id].enabled);
  for (const a of enabled) {
    for (const b of enabled) {
      if (a >= b) continue;
      const pa = config.networks[a].prefix;
      const pb = config.networks[b].prefix;
      if (pa.startsWith(pb) || pb.startsWith(pa)) {
        problems.push(
          `networks.${a}.prefix and networks.${b}.prefix: "${pa}" and "${pb}" overlap (expected prefixes where neither starts with the other)`,
        );
      }
    }
    if ((config.bot.username + "_").startsWith(config.networks[a].prefix) || config.bot.username.startsWith(config.networks[a].prefix)) {
      problems.push(`bot.username: "${config.bot.username}" falls inside networks.${a}.prefix "${config.networks[a].prefix}" (expected a name outside every ghost namespace)`);
    }
  }
  for (const id of enabled) problems.push(...networkChecks(id, config));
  return problems;
}

function networkChecks(id: (typeof NETWORK_IDS)[number], config: Config): string[] {
  const network = config.networks[id];
  const problems: string[] = [];
  if (!network.accounts.length) return problems;
  for (const key of ["app_secret", "verify_token"] as const) {
    if (!network[key]) {
      problems.push(`networks.${id}.${key}: missing (expected the value from the Meta app dashboard, or SWITCHBOARD_NETWORKS_${id.toUpperCase()}_${key.toUpperCase()})`);
    }
  }
  if (id === "whatsapp" && network.human_agent) {
    problems.push("networks.whatsapp.human_agent: true is not possible (expected false: WhatsApp answers outside the 24-hour window only with message templates)");
  }
  if (id !== "whatsapp") {
    network.accounts.forEach((account, index) => {
      if (account.waba_id) problems.push(`networks.${id}.accounts[${index}].waba_id: set, but only WhatsApp accounts have one (expected it empty)`);
    });
  }
  const seen = new Set<string>();
  network.accounts.forEach((account, index) => {
    if (seen.has(account.id)) problems.push(`networks.${id}.accounts[${index}].id: "${account.id}" is listed twice (expected each account once)`);
    seen.add(account.id);
    if (!account.access_token && !network.access_token) {
      problems.push(`networks.${id}.accounts[${index}].access_token: missing, and networks.${id}.access_token is empty too (expected a token for this account)`);
    }
  });
  return problems;
}
