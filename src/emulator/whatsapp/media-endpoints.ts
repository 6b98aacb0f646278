import { invalidParameter, unsupportedRequest } from "../graph/common-errors";
import { rejectUnknownKeys, requireNonEmptyString, requireOneOf } from "../graph/params";
import type { GraphCall, GraphResult } from "../graph/product";
import type { EmulatorServices } from "../graph/services";
import { mediaUploadError } from "./errors";
import { DOWNLOAD_URL_LIFETIME_MS, type MediaStore, type StoredMedia } from "./media-store";
import { maxBytesFor, mediaRuleFor, supportedMimeTypes } from "./media-types";

export const MEDIA_DOWNLOAD_PATH = "/whatsapp_business/attachments/";

/** POST /{phone_number_id}/media, GET and DELETE /{media_id}. */
export class WhatsAppMediaEndpoints {
  constructor(
    private readonly services: EmulatorServices,
    private readonly media: MediaStore,
  ) {}

  upload(call: GraphCall): GraphResult {
    rejectUnknownKeys(call.params, ["messaging_product", "type"]);
    requireOneOf(call.params, "messaging_product", ["whatsapp"]);
    const mimeType = requireNonEmptyString(call.params, "type");
    const files = call.files.filter((file) => file.field === "file");
    if (files.length !== 1 || call.files.length !== 1) throw invalidParameter("Send exactly one file, in the multipart field named file");
    const rule = mediaRuleFor(mimeType);
    if (!rule) throw mediaUploadError(`Type ${mimeType} is not supported; use one of ${supportedMimeTypes().join(", ")}`);
    const file = files[0]!;
    if (file.data.length === 0) throw mediaUploadError("The file is empty");
    const maxBytes = maxBytesFor(rule, file.data);
    if (file.data.length > maxBytes) throw mediaUploadError(`${rule.category} files of this kind may be at most ${maxBytes} bytes (got ${file.data.length})`);
    const stored = this.media.add(call.account.id, mimeType, file.data, call.now);
    return { body: { id: stored.id } };
  }

  describe(call: GraphCall): GraphResult {
    rejectUnknownKeys(call.params, ["phone_number_id"]);
    const stored = this.owned(call);
    if (call.params.phone_number_id !== undefined && call.params.phone_number_id !== stored.accountId) {
      throw invalidParameter(`Media ${stored.id} does not belong to phone number ${String(call.params.phone_number_id)}`);
    }
    const expiresAt = Math.floor((call.now + DOWNLOAD_URL_LIFETIME_MS) / 1000);
    const url = new URL(MEDIA_DOWNLOAD_PATH, this.services.publicUrl());
    url.searchParams.set("mid", stored.id);
    url.searchParams.set("ext", String(expiresAt));
    url.searchParams.set("hash", this.media.urlHash(stored.id, expiresAt));
    return {
      body: { messaging_product: "whatsapp", url: url.toString(), mime_type: stored.mimeType, sha256: stored.sha256, file_size: stored.data.length, id: stored.id },
    };
  }

  delete(call: GraphCall): GraphResult {
    rejectUnknownKeys(call.params, ["phone_number_id"]);
    this.media.delete(this.owned(call).id);
    return { body: { success: true } };
  }

  knows(mediaId: string): boolean {
    return this.media.get(mediaId, this.services.clock.now()) !== undefined;
  }

  private owned(call: GraphCall): StoredMedia {
    const stored = this.media.get(call.nodeId, call.now);
    const owner = stored && this.services.directory.account("whatsapp", stored.accountId);
    if (!stored || owner?.accessToken !== call.account.accessToken) throw unsupportedRequest(call.method, call.nodeId);
    return stored;
  }
}
