/** The authenticated media download path (client-server API v1) of an mxc:// URI. */
export function mediaDownloadPath(mxc: string): string {
  const match = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/.exec(mxc);
  if (!match) throw new Error(`not an mxc URI: ${mxc}`);
  return `/_matrix/client/v1/media/download/${encodeURIComponent(match[1]!)}/${encodeURIComponent(match[2]!)}`;
}
