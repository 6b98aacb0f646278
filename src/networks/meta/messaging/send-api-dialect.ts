import type { MediaLimits } from "../media-limits";

/** Where Messenger's and Instagram's Send APIs differ for files, reactions and sender actions. */
export interface SendApiDialect {
  mediaLimits: MediaLimits;
  /**
   * How files reach the network: uploaded with the send (multipart `filedata`, Messenger), or
   * fetched by Meta from a public URL (Instagram).
   */
  upload: "filedata" | "url";
  /** the messaging_type of an answer inside the window, when the product requires one */
  messagingType?: "RESPONSE";
  /** whether a message may carry `reply_to: {mid}` (Instagram's Message Replies) */
  replies: boolean;
  /** the subcodes of code 10 that mean "sent outside the allowed window" */
  windowClosedSubcodes: readonly number[];
}
