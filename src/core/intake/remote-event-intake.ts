import { getLogger } from "../../logging/logger";
import type { NewInboxItem } from "../../store/records";
import { remoteEventKey, type NetworkId, type RemoteEvent, type RemoteEventSink } from "../networks/connector";
import { chatQueueKey } from "../portals/chat-key";

const log = getLogger("intake");

/** Inbox item kind of events from networks. */
export const REMOTE_EVENT = "remote.event";

export interface InboxEnqueuePort {
  enqueue(source: string, items: NewInboxItem[]): Promise<number[]>;
}

/**
 * Stores what a network delivered before the network gets its acknowledgement; the inbox worker
 * processes it afterwards. A delivery Meta repeats while the first copy is still waiting is
 * dropped here (dedupe key = message id); one repeated later is dropped by the message map.
 */
export class RemoteEventIntake implements RemoteEventSink {
  constructor(
    private readonly inbox: InboxEnqueuePort,
    private readonly onStored: () => void,
  ) {}

  async accept(network: NetworkId, events: RemoteEvent[]): Promise<void> {
    if (!events.length) return;
    const items: NewInboxItem[] = events.map((event) => ({
      kind: REMOTE_EVENT,
      queueKey: chatQueueKey(event.chat),
      dedupeKey: remoteEventKey(event),
      payload: event,
    }));
    const stored = await this.inbox.enqueue(network, items);
    log.debug("stored remote events", { network, received: events.length, stored: stored.length });
    if (stored.length) this.onStored();
  }
}
