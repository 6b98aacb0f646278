import type { GraphError } from "../graph-error";
import type { ResolvedAccount } from "../directory";

export const ATTACHMENT_TYPES = ["image", "audio", "video", "file"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** What one attachment type may be: its size, by upload and by URL, and its Content-Types. */
export interface AttachmentRule {
  maxBytes: number;
  /** Meta fetches less by URL than it takes by upload (Messenger images: 8 MB). */
  maxBytesByUrl?: number;
  /** Accepted Content-Types; a trailing "/*" accepts a whole family, "*" anything. */
  mimeTypes: readonly string[];
}

/** Where Messenger's and Instagram's Send APIs differ. */
export interface SendApiRules {
  network: "messenger" | "instagram";
  /** `object` of the product's webhooks. */
  webhookObject: "page" | "instagram";
  messagingTypeRequired: boolean;
  allowsNotificationType: boolean;
  textLimit: { max: number; unit: "characters" | "UTF-8 bytes" };
  /** Whether a file may be uploaded with the send (multipart `filedata`). */
  allowsFiledata: boolean;
  /** Whether a message may answer another with a top-level `reply_to: {mid}`. */
  allowsReplyTo: boolean;
  attachments: Record<AttachmentType, AttachmentRule>;
  windowClosed(): GraphError;
  unknownRecipient(): GraphError;
  newMessageId(account: ResolvedAccount): string;
}

export function acceptsType(rule: AttachmentRule, mimeType: string): boolean {
  return rule.mimeTypes.some((accepted) => accepted === "*" || accepted === mimeType || (accepted.endsWith("/*") && mimeType.startsWith(accepted.slice(0, -1))));
}
