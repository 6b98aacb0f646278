import { GraphError } from "../graph/graph-error";
import { newMessengerMid } from "../graph/ids";
import type { SendApiRules } from "../graph/send-api/rules";

const MB = 1024 * 1024;

export const MESSENGER_RULES: SendApiRules = {
  network: "messenger",
  webhookObject: "page",
  messagingTypeRequired: true,
  allowsNotificationType: true,
  textLimit: { max: 2000, unit: "characters" },
  allowsFiledata: true,
  allowsReplyTo: false,
  // Saving assets: up to 25 MB, images only 8 MB by URL; audio must have an audio/* type.
  attachments: {
    image: { maxBytes: 25 * MB, maxBytesByUrl: 8 * MB, mimeTypes: ["image/*"] },
    audio: { maxBytes: 25 * MB, mimeTypes: ["audio/*"] },
    video: { maxBytes: 25 * MB, mimeTypes: ["video/*"] },
    file: { maxBytes: 25 * MB, mimeTypes: ["*"] },
  },
  windowClosed: () =>
    new GraphError({ code: 10, subcode: 2018278, message: "(#10) This message is sent outside of allowed window. Only a HUMAN_AGENT tagged reply may follow within 7 days." }),
  unknownRecipient: () => new GraphError({ code: 100, subcode: 2018001, message: "(#100) No matching user found" }),
  newMessageId: () => newMessengerMid(),
};
