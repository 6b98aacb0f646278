import { GraphError } from "../graph/graph-error";
import { newInstagramMid } from "../graph/ids";
import type { SendApiRules } from "../graph/send-api/rules";

const MB = 1024 * 1024;

export const INSTAGRAM_RULES: SendApiRules = {
  network: "instagram",
  webhookObject: "instagram",
  messagingTypeRequired: false,
  allowsNotificationType: false,
  textLimit: { max: 1000, unit: "UTF-8 bytes" },
  // Instagram fetches attachments by URL only, and answers messages with reply_to (Message Replies).
  allowsFiledata: false,
  allowsReplyTo: true,
  attachments: {
    image: { maxBytes: 8 * MB, mimeTypes: ["image/png", "image/jpeg", "image/gif"] },
    audio: { maxBytes: 25 * MB, mimeTypes: ["audio/aac", "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/wav", "audio/x-wav", "audio/wave"] },
    video: { maxBytes: 25 * MB, mimeTypes: ["video/mp4", "video/ogg", "video/x-msvideo", "video/avi", "video/quicktime", "video/webm"] },
    file: { maxBytes: 25 * MB, mimeTypes: ["application/pdf"] },
  },
  windowClosed: () =>
    new GraphError({ code: 10, subcode: 2534022, message: "(#10) This message is sent outside of allowed window. Only a HUMAN_AGENT tagged reply may follow within 7 days." }),
  unknownRecipient: () => new GraphError({ code: 100, subcode: 2534014, message: "(#100) The Instagram user cannot be found" }),
  newMessageId: (account) => newInstagramMid(account.id),
};
