import { stringify } from "yaml";
import type { EmulatedNetwork, EmulatorAccount, EmulatorUser } from "../types";

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function configSnippet(accounts: readonly EmulatorAccount[], emulatorUrl: string, withCredentials: boolean): string {
  const networks: Record<string, unknown> = {};
  for (const network of [...new Set(accounts.map((account) => account.network))]) {
    const mine = accounts.filter((account) => account.network === network);
    const first = mine[0]!;
    networks[network] = withCredentials
      ? {
          enabled: true,
          graph_api: { base_url: emulatorUrl },
          access_token: first.accessToken,
          app_secret: first.appSecret,
          verify_token: first.verifyToken,
          ...(first.appId ? { app_id: first.appId } : {}),
          accounts: mine.map((account) => ({ id: account.id, name: account.name, ...(account.wabaId ? { waba_id: account.wabaId } : {}) })),
        }
      : { graph_api: { base_url: emulatorUrl } };
  }
  return stringify({ networks }).trimEnd();
}

export interface SummaryInput {
  url: string;
  accounts: readonly EmulatorAccount[];
  users: readonly EmulatorUser[];
  /** Demo accounts: print their credentials as config to paste. */
  demo: boolean;
  exampleSender: (network: EmulatedNetwork) => string;
}

/** What an admin needs after start-up: where it runs, what to configure, how to send a message. */
export function startupSummary({ url, accounts, users, demo, exampleSender }: SummaryInput): string {
  const first = accounts[0]!;
  const inbound = JSON.stringify({ network: first.network, accountId: first.id, from: exampleSender(first.network), text: "Hello from the emulator" });
  const lines = [
    `Switchboard Graph API emulator listening on ${url}`,
    "",
    "Accounts (webhooks go to):",
    ...accounts.map((account) => `  ${account.network.padEnd(9)} ${account.id.padEnd(18)} ${account.webhookUrl}`),
    ...(users.length ? ["", "People:", ...users.map((user) => `  ${user.network.padEnd(9)} ${user.id.padEnd(18)} ${user.name ?? ""}`)] : []),
    "",
    demo ? "Put this into Switchboard's config.yaml (demo credentials):" : "Point Switchboard at it in config.yaml:",
    ...configSnippet(accounts, url, demo).split("\n").map((line) => `  ${line}`),
    "",
    "Send a message from a person to the bridge (a new id becomes a new person):",
    `  curl -sS -X POST ${url}/_emulator/inbound -H 'Content-Type: application/json' \\`,
    `    -d ${shellQuote(inbound)}`,
    "See what the bridge sent:",
    `  curl -sS ${url}/_emulator/sent`,
    "More: GET /_emulator, GET /_emulator/webhooks, GET /_emulator/sent-media, POST|DELETE /_emulator/failures, POST /_emulator/clock {\"advanceMs\": …},",
    "  POST /_emulator/person/{media,location,contacts,unsupported,reaction,edit,deletion,read,delivered,status},",
    "  GET|POST|DELETE /_emulator/templates, GET /_emulator/sent-templates (see src/emulator/README.md)",
  ];
  return lines.join("\n");
}
