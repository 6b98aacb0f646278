import { getLogger } from "../../logging/logger";
import { MATRIX_SOURCE, type NewInboxItem } from "../../store/records";
import type { AppserviceTransaction, EphemeralEvent } from "./transaction-body";

const log = getLogger("transactions");

/** Inbox item kinds produced from appservice transactions. */
export const MATRIX_EVENT = "matrix.event";

export interface TransactionStorePort {
  accept(source: string, txnId: string, items: NewInboxItem[]): Promise<"accepted" | "duplicate">;
}

export type EphemeralListener = (events: EphemeralEvent[]) => void;

/**
 * Takes a transaction from the homeserver: room events are stored in the inbox together with
 * the txnId in one database transaction, before the homeserver gets its 200, so a crash loses
 * nothing and a replay processes nothing twice. Ephemeral data (typing, receipts, presence) is
 * only worth something now and is handed on without being stored.
 */
export class TransactionIntake {
  private readonly ephemeralListeners: EphemeralListener[] = [];

  constructor(
    private readonly store: TransactionStorePort,
    private readonly onStored: () => void,
  ) {}

  onEphemeral(listener: EphemeralListener): void {
    this.ephemeralListeners.push(listener);
  }

  async accept(txnId: string, transaction: AppserviceTransaction): Promise<"accepted" | "duplicate"> {
    const items: NewInboxItem[] = transaction.events.map((event) => ({
      kind: MATRIX_EVENT,
      queueKey: event.room_id,
      payload: event,
    }));
    const outcome = await this.store.accept(MATRIX_SOURCE, txnId, items);
    if (outcome === "duplicate") return outcome;
    log.debug("stored a transaction", { txnId, events: items.length, ephemeral: transaction.ephemeral.length });
    this.onStored();
    if (transaction.ephemeral.length) for (const listener of this.ephemeralListeners) listener(transaction.ephemeral);
    return outcome;
  }
}
