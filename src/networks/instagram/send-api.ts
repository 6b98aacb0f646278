import type { SendApiDialect } from "../meta/messaging/send-api-dialect";

const MB = 1024 * 1024;

/**
 * Instagram's Send API: no messaging_type, files only by a URL Meta fetches (image png/jpeg 8 MB;
 * audio aac/m4a/wav/mp4, video mp4/ogg/avi/mov/webm and PDF files 25 MB), and replies with
 * `reply_to: {mid}` (Message Replies, December 2025).
 */
export const INSTAGRAM_SEND_API: SendApiDialect = {
  upload: "url",
  replies: true,
  // 2534022 is Instagram's own subcode; 2018278 is Messenger's, seen when IG is reached through a Page
  windowClosedSubcodes: [2534022, 2018278],
  mediaLimits: {
    image: { maxBytes: 8 * MB, mimeTypes: ["image/png", "image/jpeg"] },
    video: { maxBytes: 25 * MB, mimeTypes: ["video/mp4", "video/ogg", "video/x-msvideo", "video/avi", "video/quicktime", "video/webm"] },
    audio: { maxBytes: 25 * MB, mimeTypes: ["audio/aac", "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/wav", "audio/x-wav", "audio/wave"] },
    file: { maxBytes: 25 * MB, mimeTypes: ["application/pdf"] },
  },
};
