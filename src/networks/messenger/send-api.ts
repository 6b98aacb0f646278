import type { SendApiDialect } from "../meta/messaging/send-api-dialect";

const MB = 1024 * 1024;

/**
 * Messenger's Send API: RESPONSE answers, files uploaded with the send (`filedata`, up to 25 MB;
 * audio must have an audio/* type), no reply field.
 */
export const MESSENGER_SEND_API: SendApiDialect = {
  messagingType: "RESPONSE",
  upload: "filedata",
  replies: false,
  windowClosedSubcodes: [2018278],
  mediaLimits: {
    image: { maxBytes: 25 * MB, mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"] },
    video: { maxBytes: 25 * MB, mimeTypes: ["video/mp4", "video/quicktime", "video/webm", "video/3gpp"] },
    audio: { maxBytes: 25 * MB, mimeTypes: ["audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/wav", "audio/x-wav", "audio/x-m4a", "audio/webm"] },
    file: { maxBytes: 25 * MB, mimeTypes: ["*"] },
  },
};
