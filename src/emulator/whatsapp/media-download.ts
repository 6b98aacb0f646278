import type { Directory } from "../graph/directory";
import type { RawRequest, RawResult, RawRoute } from "../graph/product";
import { MEDIA_DOWNLOAD_PATH } from "./media-endpoints";
import type { MediaStore } from "./media-store";

function refusal(status: number, message: string, accountId: string | null): RawResult {
  return { status, contentType: "application/json", body: JSON.stringify({ error: { message } }), network: "whatsapp", accountId };
}

/** The media URL itself: needs the owning number's token as a Bearer header and expires after 5 minutes. */
export function mediaDownloadRoute(media: MediaStore, directory: Directory): RawRoute {
  return {
    pathPrefix: MEDIA_DOWNLOAD_PATH,
    kinds: ["media"],
    handle({ url, headers, now }: RawRequest): RawResult {
      const id = url.searchParams.get("mid") ?? "";
      const expiresAt = Number(url.searchParams.get("ext"));
      const stored = media.get(id, now);
      const owner = stored ? directory.account("whatsapp", stored.accountId) : undefined;
      if (!stored || !owner || url.searchParams.get("hash") !== media.urlHash(id, expiresAt)) return refusal(404, "No such media URL", null);
      const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
      if (token !== owner.accessToken) return refusal(401, "A valid Authorization: Bearer token is required", owner.id);
      if (now > expiresAt * 1000) return refusal(404, "This media URL has expired; ask for the media again", owner.id);
      return { status: 200, contentType: stored.mimeType, body: stored.data, network: "whatsapp", accountId: owner.id };
    },
  };
}
