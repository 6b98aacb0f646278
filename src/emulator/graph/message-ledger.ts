import type { EmulatedNetwork } from "../types";

export type MessageDirection = "inbound" | "outbound";

export interface LedgerEntry {
  network: EmulatedNetwork;
  accountId: string;
  userId: string;
  messageId: string;
  direction: MessageDirection;
  at: number;
}

/** Every message that went through the emulator, for windows, read receipts, reactions and replies. */
export class MessageLedger {
  private readonly byId = new Map<string, LedgerEntry>();
  private readonly lastInboundAt = new Map<string, number>();

  add(entry: LedgerEntry): void {
    this.byId.set(this.messageKey(entry.network, entry.accountId, entry.messageId), entry);
    if (entry.direction === "inbound") {
      const key = this.chatKey(entry.network, entry.accountId, entry.userId);
      this.lastInboundAt.set(key, Math.max(entry.at, this.lastInboundAt.get(key) ?? -Infinity));
    }
  }

  find(network: EmulatedNetwork, accountId: string, messageId: string): LedgerEntry | undefined {
    return this.byId.get(this.messageKey(network, accountId, messageId));
  }

  /** When the user last wrote to this account, if ever. */
  lastInbound(network: EmulatedNetwork, accountId: string, userId: string): number | undefined {
    return this.lastInboundAt.get(this.chatKey(network, accountId, userId));
  }

  private messageKey(network: EmulatedNetwork, accountId: string, messageId: string): string {
    return `${network}\u0000${accountId}\u0000${messageId}`;
  }

  private chatKey(network: EmulatedNetwork, accountId: string, userId: string): string {
    return `${network}\u0000${accountId}\u0000${userId}`;
  }
}
