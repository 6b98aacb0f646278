const KB = 1024;
const MB = 1024 * 1024;

/** "100 KB", "5 MB", "6.2 MB": sizes as people read them in notices. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trim(bytes / MB)} MB`;
  if (bytes >= KB) return `${trim(bytes / KB)} KB`;
  return `${bytes} bytes`;
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
}

/** A MIME type in lower case, without parameters ("Image/JPEG; q=1" → "image/jpeg"). */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(";")[0]!.trim().toLowerCase();
}
