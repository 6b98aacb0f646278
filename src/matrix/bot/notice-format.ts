/** A bot reply: plain text with `code` and **bold** marks, rendered to Matrix HTML too. */
export interface NoticeContent {
  msgtype: "m.notice";
  body: string;
  format: "org.matrix.custom.html";
  formatted_body: string;
  [key: string]: unknown;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderNotice(markup: string): NoticeContent {
  const html = escapeHtml(markup)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\n/g, "<br>");
  const body = markup.replace(/\*\*([^*]+)\*\*/g, "$1");
  return { msgtype: "m.notice", body, format: "org.matrix.custom.html", formatted_body: html };
}
