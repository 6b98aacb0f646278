import type { GraphError } from "../graph-error";
import type { ResolvedAccount } from "../directory";

/** Where Messenger's and Instagram's Send APIs differ. */
export interface SendApiRules {
  network: "messenger" | "instagram";
  /** `object` of the product's webhooks. */
  webhookObject: "page" | "instagram";
  messagingTypeRequired: boolean;
  allowsNotificationType: boolean;
  textLimit: { max: number; unit: "characters" | "UTF-8 bytes" };
  windowClosed(): GraphError;
  unknownRecipient(): GraphError;
  newMessageId(account: ResolvedAccount): string;
}
