import type { SentMedia } from "../person-types";
import type { AttachmentStore } from "./attachment-store";
import type { EmulatorClock } from "./clock";
import type { Directory } from "./directory";
import type { MessageLedger } from "./message-ledger";
import type { ObservableLog } from "./observable-log";
import type { OutgoingHttp } from "./outgoing-http";
import type { TimerSet } from "./timers";
import type { WebhookDispatcher } from "./webhook-dispatcher";

/** What the products share: who exists, what was said, the clock, and the way back to the bridge. */
export interface EmulatorServices {
  directory: Directory;
  ledger: MessageLedger;
  clock: EmulatorClock;
  webhooks: WebhookDispatcher;
  timers: TimerSet;
  echoWebhooks: boolean;
  statusWebhooks: boolean;
  /** Base of URLs the emulator hands out (profile pictures, media). */
  publicUrl(): string;
  /** Files the bridge sent, with their bytes. */
  sentMedia: ObservableLog<SentMedia>;
  /** Messenger/Instagram attachments served by URL. */
  attachments: AttachmentStore;
  /** For fetching the attachment URLs a send names. */
  http: OutgoingHttp;
}
