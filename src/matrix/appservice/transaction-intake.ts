import { createHash } from "node:crypto";
import { getLogger } from "../../logging/logger";
import { MATRIX_SOURCE, type NewInboxItem } from "../../store/records";
import type { AppserviceTransaction, DeviceKeyCounts, EphemeralEvent } from "./transaction-body";

const log = getLogger("transactions");

/** Inbox item kinds produced from appservice transactions. */
export const MATRIX_EVENT = "matrix.event";
export const MATRIX_TO_DEVICE = "matrix.to_device";

/** Olm messages must be handled in the order they were sent: one queue for all of them. */
const TO_DEVICE_QUEUE = "to-device";

/** Device-list changes and key counts (MSC3202): state the receiver can also ask for again. */
export interface DeviceData {
  deviceLists: { changed: string[]; left: string[] };
  oneTimeKeyCounts: DeviceKeyCounts;
  unusedFallbackKeyTypes: Record<string, Record<string, string[]>>;
}

export interface TransactionStorePort {
  accept(source: string, txnId: string, items: NewInboxItem[]): Promise<"accepted" | "duplicate">;
}

export interface InboxStorePort {
  enqueue(source: string, items: NewInboxItem[]): Promise<number[]>;
}

/**
 * What identifies a transaction for replay detection: its id and the events it carries. Synapse on
 * SQLite starts its transaction ids again from 1 after a restart (its id sequence is rebuilt from
 * pending transactions only), so an id alone would drop new transactions as replays; a real replay
 * carries the same events (Synapse re-sends stored transactions without their ephemeral or
 * to-device parts).
 */
export function replayKey(txnId: string, transaction: AppserviceTransaction): string | undefined {
  if (!transaction.events.length) return undefined;
  const digest = createHash("sha256").update(transaction.events.map((e) => e.event_id).join("\n")).digest("base64url");
  return `${txnId}/${digest.slice(0, 43)}`;
}

export type EphemeralListener = (events: EphemeralEvent[]) => void;

/**
 * Takes a transaction from the homeserver: room events are stored in the inbox together with
 * the txnId in one database transaction, before the homeserver gets its 200, so a crash loses
 * nothing and a replay processes nothing twice. To-device messages (room keys) are stored the same
 * way when someone consumes them. Ephemeral data (typing, receipts, presence) and device data are
 * only worth something now and are handed on without being stored.
 */
export class TransactionIntake {
  private readonly ephemeralListeners: EphemeralListener[] = [];
  private readonly deviceDataListeners: ((data: DeviceData) => void)[] = [];

  constructor(
    private readonly store: TransactionStorePort & InboxStorePort,
    private readonly onStored: () => void,
    private readonly options: { keepToDevice: boolean } = { keepToDevice: false },
  ) {}

  onEphemeral(listener: EphemeralListener): void {
    this.ephemeralListeners.push(listener);
  }

  onDeviceData(listener: (data: DeviceData) => void): void {
    this.deviceDataListeners.push(listener);
  }

  private async enqueue(items: NewInboxItem[]): Promise<void> {
    if (items.length) await this.store.enqueue(MATRIX_SOURCE, items);
  }

  async accept(txnId: string, transaction: AppserviceTransaction): Promise<"accepted" | "duplicate"> {
    const items: NewInboxItem[] = transaction.events.map((event) => ({
      kind: MATRIX_EVENT,
      queueKey: event.room_id,
      payload: event,
    }));
    if (this.options.keepToDevice) {
      for (const event of transaction.toDevice) items.push({ kind: MATRIX_TO_DEVICE, queueKey: TO_DEVICE_QUEUE, payload: event });
    }
    const key = replayKey(txnId, transaction);
    // without events there is nothing a replay could duplicate (to-device messages are single-use)
    const outcome = key ? await this.store.accept(MATRIX_SOURCE, key, items) : (await this.enqueue(items), "accepted" as const);
    if (outcome === "duplicate") return outcome;
    log.debug("stored a transaction", { txnId, items: items.length, ephemeral: transaction.ephemeral.length });
    this.onStored();
    if (transaction.ephemeral.length) for (const listener of this.ephemeralListeners) listener(transaction.ephemeral);
    const { deviceLists, oneTimeKeyCounts, unusedFallbackKeyTypes } = transaction;
    const hasDeviceData = deviceLists.changed.length || deviceLists.left.length || Object.keys(oneTimeKeyCounts).length || Object.keys(unusedFallbackKeyTypes).length;
    if (hasDeviceData) for (const listener of this.deviceDataListeners) listener({ deviceLists, oneTimeKeyCounts, unusedFallbackKeyTypes });
    return outcome;
  }
}
