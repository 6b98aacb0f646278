import { GraphError } from "../graph/graph-error";
import { newMessengerMid } from "../graph/ids";
import type { SendApiRules } from "../graph/send-api/rules";

export const MESSENGER_RULES: SendApiRules = {
  network: "messenger",
  webhookObject: "page",
  messagingTypeRequired: true,
  allowsNotificationType: true,
  textLimit: { max: 2000, unit: "characters" },
  windowClosed: () =>
    new GraphError({ code: 10, subcode: 2018278, message: "(#10) This message is sent outside of allowed window. Only a HUMAN_AGENT tagged reply may follow within 7 days." }),
  unknownRecipient: () => new GraphError({ code: 100, subcode: 2018001, message: "(#100) No matching user found" }),
  newMessageId: () => newMessengerMid(),
};
