import type { NetworkStatus } from "../../core/networks/connector";
import type { MetaAccount } from "./connector-settings";
import { timeAgo } from "./time-ago";

/**
 * What a Meta connector reports about itself: running with its accounts and its last webhook,
 * or degraded while it has no account or an account's token was refused (until that account
 * sends successfully again).
 */
export class ConnectorStatus {
  private running = false;
  private lastWebhookAt: number | undefined;
  private readonly refusedTokens = new Set<string>();

  constructor(
    private readonly network: string,
    private readonly accounts: readonly MetaAccount[],
    private readonly now: () => number,
  ) {}

  started(): void {
    this.running = true;
  }

  stopped(): void {
    this.running = false;
  }

  webhookReceived(): void {
    this.lastWebhookAt = this.now();
  }

  tokenRefused(accountId: string): void {
    this.refusedTokens.add(accountId);
  }

  accountWorked(accountId: string): void {
    this.refusedTokens.delete(accountId);
  }

  current(): NetworkStatus {
    if (!this.running) return { state: "stopped", detail: "stopped" };
    if (!this.accounts.length) return { state: "degraded", detail: `no account configured (networks.${this.network}.accounts)` };
    const refused = this.accounts.filter((a) => this.refusedTokens.has(a.id));
    if (refused.length) {
      const names = refused.map((a) => a.label).join(", ");
      const noun = refused.length === 1 ? "access token of account" : "access tokens of accounts";
      return { state: "degraded", detail: `${noun} ${names} expired or revoked — renew ${refused.length === 1 ? "it" : "them"} (networks.${this.network}.accounts)` };
    }
    const count = `${this.accounts.length} account${this.accounts.length === 1 ? "" : "s"}`;
    const webhook = this.lastWebhookAt === undefined ? "no webhook yet" : `last webhook ${timeAgo(this.lastWebhookAt, this.now())}`;
    return { state: "running", detail: `running — ${count}; ${webhook}` };
  }
}
