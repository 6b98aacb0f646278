import { describeError, getLogger } from "../../logging/logger";
import type { DeliveredWebhook, SignatureMode, VerificationResult, WebhookKind, WebhookResponse } from "../types";
import type { EmulatorClock } from "./clock";
import type { ResolvedAccount } from "./directory";
import { newChallenge } from "./ids";
import { serializeLikeMeta } from "./meta-json";
import type { ObservableLog } from "./observable-log";
import type { OutgoingHttp } from "./outgoing-http";
import { signatureHeaders } from "./webhook-signature";

const log = getLogger("emulator.webhooks");

/** The bridge could not be reached, or did not answer in time. */
export class WebhookDeliveryError extends Error {}

export interface WebhookPost {
  account: ResolvedAccount;
  kind: WebhookKind;
  payload: unknown;
  signature?: SignatureMode;
  /** Sent instead of the Meta-style serialisation of payload. */
  rawBody?: string;
}

/**
 * Sends webhooks to the bridge, one at a time per callback URL so that a test sees them in the
 * order the emulator produced them (Meta promises no order; the bridge must cope either way).
 */
export class WebhookDispatcher {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly http: OutgoingHttp,
    private readonly delivered: ObservableLog<DeliveredWebhook>,
    private readonly clock: EmulatorClock,
    private readonly timeoutMs: (account: ResolvedAccount) => number,
  ) {}

  /** Resolves with the bridge's answer; rejects when the bridge cannot be reached (logged as status 0). */
  post(webhook: WebhookPost): Promise<WebhookResponse> {
    const url = webhook.account.webhookUrl;
    const previous = this.queues.get(url) ?? Promise.resolve();
    const sending = previous.then(() => this.send(webhook));
    this.queues.set(
      url,
      sending.catch(() => undefined),
    );
    return sending;
  }

  /** For echoes and statuses: nobody awaits them, so a failure is only logged. */
  postInBackground(webhook: WebhookPost): void {
    this.post(webhook).then(
      (response) => {
        if (response.status !== 200) log.warn("the bridge refused a webhook", { network: webhook.account.network, kind: webhook.kind, status: response.status });
      },
      (err: unknown) => log.warn("could not deliver a webhook", { network: webhook.account.network, kind: webhook.kind, error: describeError(err) }),
    );
  }

  async verify(account: ResolvedAccount, verifyToken: string): Promise<VerificationResult> {
    const challenge = newChallenge();
    const url = new URL(account.webhookUrl);
    url.searchParams.set("hub.mode", "subscribe");
    url.searchParams.set("hub.verify_token", verifyToken);
    url.searchParams.set("hub.challenge", challenge);
    const entry = this.entry(account, "verification", url.toString(), "", null);
    try {
      const response = await this.http.send({ method: "GET", url: url.toString(), timeoutMs: this.timeoutMs(account) });
      this.delivered.add({ ...entry, status: response.status, responseBody: response.body });
      return { ...response, challenge, echoed: response.status === 200 && response.body === challenge };
    } catch (err) {
      this.delivered.add({ ...entry, error: describeError(err) });
      throw new WebhookDeliveryError(`webhook verification GET to ${account.webhookUrl} failed: ${describeError(err)}`);
    }
  }

  private async send(webhook: WebhookPost): Promise<WebhookResponse> {
    const { account } = webhook;
    const rawBody = webhook.rawBody ?? serializeLikeMeta(webhook.payload);
    const body = Buffer.from(rawBody, "utf8");
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "facebookexternalua",
      ...signatureHeaders(body, account.appSecret, webhook.signature ?? "valid"),
    };
    const entry = this.entry(account, webhook.kind, account.webhookUrl, rawBody, webhook.payload);
    try {
      const response = await this.http.send({ method: "POST", url: account.webhookUrl, headers, body, timeoutMs: this.timeoutMs(account) });
      this.delivered.add({ ...entry, status: response.status, responseBody: response.body });
      log.debug("webhook delivered", { network: account.network, account: account.id, kind: webhook.kind, status: response.status });
      return response;
    } catch (err) {
      this.delivered.add({ ...entry, error: describeError(err) });
      throw new WebhookDeliveryError(`webhook POST to ${account.webhookUrl} failed: ${describeError(err)}`);
    }
  }

  private entry(account: ResolvedAccount, kind: WebhookKind, url: string, rawBody: string, payload: unknown): DeliveredWebhook {
    return { network: account.network, accountId: account.id, kind, url, rawBody, payload, status: 0, responseBody: "", at: this.clock.now() };
  }
}
