import { GraphError } from "../graph/graph-error";
import { newInstagramMid } from "../graph/ids";
import type { SendApiRules } from "../graph/send-api/rules";

export const INSTAGRAM_RULES: SendApiRules = {
  network: "instagram",
  webhookObject: "instagram",
  messagingTypeRequired: false,
  allowsNotificationType: false,
  textLimit: { max: 1000, unit: "UTF-8 bytes" },
  windowClosed: () =>
    new GraphError({ code: 10, subcode: 2534022, message: "(#10) This message is sent outside of allowed window. Only a HUMAN_AGENT tagged reply may follow within 7 days." }),
  unknownRecipient: () => new GraphError({ code: 100, subcode: 2534014, message: "(#100) The Instagram user cannot be found" }),
  newMessageId: (account) => newInstagramMid(account.id),
};
