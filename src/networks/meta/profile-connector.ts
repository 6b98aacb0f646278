import type { ProfileLookup, RemoteProfile } from "../../core/networks/connector";
import { NetworkError } from "../../core/networks/network-error";
import { downloadAvatar } from "./avatar-download";
import { GraphApiError } from "./graph-error";
import { asObject } from "./json";
import { MetaNetworkConnector } from "./meta-connector";

/** Graph answers that mean "this person has no profile you may read", not a failure. */
const NO_PROFILE: readonly { code: number; subcode?: number }[] = [
  { code: 230 }, // user consent required (Instagram)
  { code: 2018218 }, // no profile available (Messenger, phone-number accounts)
  { code: 100, subcode: 2018218 },
];

/** A Meta connector whose product can read a person's name and picture (Messenger, Instagram). */
export class MetaProfileConnector extends MetaNetworkConnector implements ProfileLookup {
  async getUserProfile(receiver: string, userId: string): Promise<RemoteProfile> {
    const spec = this.product.profile;
    if (!spec) return {};
    const account = this.accountFor(receiver, "the profile could not be read");
    try {
      const json = await this.call(account, { method: "GET", path: encodeURIComponent(userId), query: { fields: spec.fields } }, "the profile could not be read");
      return spec.toProfile(asObject(json) ?? {});
    } catch (err) {
      const cause = err instanceof NetworkError ? err.cause : undefined;
      if (cause instanceof GraphApiError && NO_PROFILE.some((p) => p.code === cause.code && (p.subcode === undefined || p.subcode === cause.subcode))) {
        this.log.debug("No readable profile", { account: receiver, user: userId, code: cause.code, subcode: cause.subcode });
        return {};
      }
      throw err;
    }
  }

  async fetchAvatar(url: string, _receiver: string): Promise<{ data: Buffer; mimeType: string }> {
    return downloadAvatar(url, { fetch: this.deps.fetch, timeoutMs: this.settings.graph_api.timeout_ms, label: this.label });
  }
}
