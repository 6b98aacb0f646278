import { fromMatrixHtml } from "../formatting/matrix-html";
import { toMatrixHtml } from "../formatting/matrix-html";
import { fromPlainText, isFormatted, toPlainText, type RichText } from "../formatting/rich-text";
import type { MatrixContent } from "../matrix-port";

export type MatrixMsgtype = "m.text" | "m.notice" | "m.emote";

/** Rich text as Matrix message content: a plain body always, an HTML body when formatted. */
export function toMatrixMessage(content: RichText, msgtype: MatrixMsgtype = "m.text"): MatrixContent {
  const message: MatrixContent = { msgtype, body: toPlainText(content) };
  if (isFormatted(content)) {
    message.format = "org.matrix.custom.html";
    message.formatted_body = toMatrixHtml(content);
  }
  return message;
}

/**
 * The rich text of a Matrix message, without the quoted original a reply carries in its
 * fallback (the relation says which message it answers).
 */
export function fromMatrixMessage(content: Record<string, unknown>): RichText {
  const isReply = typeof content["m.relates_to"] === "object" && content["m.relates_to"] !== null &&
    "m.in_reply_to" in (content["m.relates_to"] as object);
  if (content.format === "org.matrix.custom.html" && typeof content.formatted_body === "string") {
    return fromMatrixHtml(content.formatted_body);
  }
  const body = typeof content.body === "string" ? content.body : "";
  return fromPlainText(isReply ? stripReplyFallback(body) : body);
}

function stripReplyFallback(body: string): string {
  const lines = body.split("\n");
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith("> ")) i++;
  if (i === 0) return body;
  if (lines[i] === "") i++;
  return lines.slice(i).join("\n");
}
