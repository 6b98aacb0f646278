import { EMULATED_NETWORKS, type EmulatedNetwork, type EmulatorAccount, type EmulatorUser } from "../types";
import { stableDigits } from "./ids";

/** An account with every optional detail filled in (made-up but stable where not configured). */
export interface ResolvedAccount extends EmulatorAccount {
  wabaId: string;
  displayPhoneNumber: string;
  name: string;
  appId: string;
  humanAgent: boolean;
}

function resolveAccount(account: EmulatorAccount): ResolvedAccount {
  for (const key of ["id", "accessToken", "appSecret", "webhookUrl"] as const) {
    if (typeof account[key] !== "string" || account[key] === "") throw new Error(`emulator account ${account.network}/${account.id}: ${key} is required`);
  }
  if (!EMULATED_NETWORKS.includes(account.network)) throw new Error(`emulator account ${account.id}: unknown network "${String(account.network)}"`);
  if (!URL.canParse(account.webhookUrl)) throw new Error(`emulator account ${account.network}/${account.id}: webhookUrl "${account.webhookUrl}" is not a URL`);
  const seed = `${account.network}:${account.id}`;
  return {
    ...account,
    wabaId: account.wabaId ?? stableDigits(`waba:${seed}`, 15),
    displayPhoneNumber: account.displayPhoneNumber ?? "1555" + stableDigits(`phone:${seed}`, 7),
    name: account.name ?? `Emulated ${account.network} account ${account.id}`,
    appId: account.appId ?? stableDigits(`app:${seed}`, 16),
    humanAgent: account.humanAgent ?? true,
  };
}

/** The accounts and remote users the emulator knows, looked up the ways Graph requests need. */
export class Directory {
  private readonly accountList: ResolvedAccount[];
  private readonly users = new Map<string, EmulatorUser>();

  constructor(accounts: readonly EmulatorAccount[], users: readonly EmulatorUser[]) {
    if (accounts.length === 0) throw new Error("the emulator needs at least one account");
    this.accountList = accounts.map(resolveAccount);
    const seen = new Set<string>();
    for (const account of this.accountList) {
      const key = `${account.network}/${account.id}`;
      if (seen.has(key)) throw new Error(`emulator account ${key} is configured twice`);
      seen.add(key);
    }
    for (const user of users) this.addUser(user);
  }

  accounts(network?: EmulatedNetwork): ResolvedAccount[] {
    return this.accountList.filter((account) => network === undefined || account.network === network);
  }

  account(network: EmulatedNetwork, id: string): ResolvedAccount | undefined {
    return this.accountList.find((account) => account.network === network && account.id === id);
  }

  /** The account to use when a caller names only the network. */
  accountFor(network: EmulatedNetwork, id?: string): ResolvedAccount {
    const account = id === undefined ? this.accounts(network)[0] : this.account(network, id);
    if (!account) throw new Error(id === undefined ? `the emulator has no ${network} account` : `the emulator has no ${network} account ${id}`);
    return account;
  }

  accountsWithId(id: string): ResolvedAccount[] {
    return this.accountList.filter((account) => account.id === id);
  }

  /** The WABA ids of the WhatsApp accounts, each once. */
  wabaIds(): string[] {
    return [...new Set(this.accounts("whatsapp").map((account) => account.wabaId))];
  }

  accountsWithWabaId(wabaId: string): ResolvedAccount[] {
    return this.accountList.filter((account) => account.network === "whatsapp" && account.wabaId === wabaId);
  }

  accountsWithToken(token: string | undefined): ResolvedAccount[] {
    if (!token) return [];
    return this.accountList.filter((account) => account.accessToken === token);
  }

  user(network: EmulatedNetwork, id: string): EmulatorUser | undefined {
    return this.users.get(`${network}/${id}`);
  }

  addUser(user: EmulatorUser): EmulatorUser {
    if (!EMULATED_NETWORKS.includes(user.network) || !user.id) throw new Error(`invalid emulator user ${JSON.stringify(user)}`);
    this.users.set(`${user.network}/${user.id}`, user);
    return user;
  }

  /** Someone who writes in becomes known, as on the real networks. */
  ensureUser(network: EmulatedNetwork, id: string, name?: string): EmulatorUser {
    return this.user(network, id) ?? this.addUser({ network, id, name });
  }
}

/** The name a user shows under: configured name, else first and last name, else the id. */
export function displayName(user: EmulatorUser): string {
  if (user.name) return user.name;
  const parts = [user.firstName, user.lastName].filter(Boolean);
  return parts.length ? parts.join(" ") : user.id;
}
