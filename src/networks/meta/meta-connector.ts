import type { Router } from "express";
import {
  networkId,
  type ChatKey,
  type NetworkConnector,
  type NetworkId,
  type NetworkStatus,
  type OutgoingMessage,
  type RemoteEventSink,
  type SendResult,
} from "../../core/networks/connector";
import { NetworkError } from "../../core/networks/network-error";
import { getLogger, type Logger } from "../../logging/logger";
import { accountsOf, UNCONFIGURED, type MetaAccount, type MetaConnectorSettings } from "./connector-settings";
import { ConnectorStatus } from "./connector-status";
import { withDefaults, type MetaDeps } from "./deps";
import { toNetworkError, type ErrorRule } from "./error-mapping";
import { GraphClient, describeFailure, type GraphRequest } from "./graph-client";
import { GraphApiError, GraphTransportError } from "./graph-error";
import type { MetaProduct, OutgoingRequest } from "./product";
import { createWebhookRouter } from "./webhook-router";

/**
 * A Meta product reached through the Graph API: webhooks in, sends out, one Graph client per
 * configured account. What differs between products comes from its MetaProduct.
 */
export class MetaNetworkConnector implements NetworkConnector {
  readonly id: NetworkId;
  readonly label: string;
  protected readonly log: Logger;
  protected readonly deps: MetaDeps;
  private readonly accountList: MetaAccount[];
  private readonly clients = new Map<string, GraphClient>();
  private readonly health: ConnectorStatus;
  private sink: RemoteEventSink | undefined;
  private router: Router | undefined;

  constructor(
    protected readonly product: MetaProduct,
    protected readonly settings: MetaConnectorSettings = UNCONFIGURED,
    deps: Partial<MetaDeps> = {},
  ) {
    this.id = networkId(product.id);
    this.label = product.label;
    this.deps = withDefaults(deps);
    this.log = getLogger(`networks.${product.id}`);
    this.accountList = accountsOf(settings);
    this.health = new ConnectorStatus(product.id, this.accountList, this.deps.now);
  }

  protocolFields() {
    return this.product.protocol;
  }

  isValidUserId(remoteId: string): boolean {
    return this.product.userIdPattern.test(remoteId);
  }

  describeUser(remoteId: string): string {
    return this.product.describeUser(remoteId);
  }

  accounts(): { id: string; label: string }[] {
    return this.accountList.map(({ id, label }) => ({ id, label }));
  }

  webhookRoutes(): Router {
    this.router ??= createWebhookRouter({
      network: this.id,
      webhookObject: this.product.webhookObject,
      appSecret: this.settings.app_secret,
      verifyToken: this.settings.verify_token,
      parse: (payload) => this.product.parseDelivery(payload, { appId: this.settings.app_id, now: this.deps.now() }),
      isConfiguredAccount: (id) => this.accountList.some((a) => a.id === id),
      sink: () => this.sink,
      onSignedDelivery: () => this.health.webhookReceived(),
      log: this.log.child(`networks.${this.product.id}.webhook`),
    });
    return this.router;
  }

  async start(sink: RemoteEventSink): Promise<void> {
    this.sink = sink;
    this.health.started();
    this.log.info("Connector started", { accounts: this.accountList.length });
  }

  async stop(): Promise<void> {
    this.sink = undefined;
    this.health.stopped();
  }

  status(): NetworkStatus {
    return this.health.current();
  }

  async sendMessage(chat: ChatKey, message: OutgoingMessage): Promise<SendResult> {
    const account = this.accountFor(chat.receiver, "the message was not sent");
    const { requests, rules } = this.prepareMessage(chat, message);
    if (!requests.length) throw new NetworkError("invalid", "The message has no text to send; nothing was sent.", "empty text after conversion");
    const messageIds = await this.sendAll(
      account,
      requests,
      (index, total) => (index === 0 ? "the message was not sent" : `only ${index} of its ${total} parts were sent`),
      rules,
    );
    this.log.debug("Message sent", { account: account.id, parts: messageIds.length, messageId: messageIds[0] });
    return { messageIds };
  }

  /**
   * The requests that send a message, and the error rules consulted first when one fails; a
   * product that picks a message type per send (Messenger's HUMAN_AGENT tag) adapts both.
   */
  protected prepareMessage(chat: ChatKey, message: OutgoingMessage): { requests: OutgoingRequest[]; rules: readonly ErrorRule[] } {
    return { requests: this.product.outgoingRequests(chat, message), rules: [] };
  }

  /** Sends requests in order, each answered with a message id; `outcome` says what is lost when the n-th fails. */
  protected async sendAll(account: MetaAccount, requests: readonly OutgoingRequest[], outcome: (index: number, total: number) => string, rules: readonly ErrorRule[] = []): Promise<string[]> {
    const messageIds: string[] = [];
    for (const [index, request] of requests.entries()) messageIds.push(await this.sendOne(account, request, outcome(index, requests.length), rules));
    return messageIds;
  }

  /**
   * Sends one request that creates a message and returns its id. When the network refuses a reply
   * reference as an invalid parameter and the product can drop it, the message goes out again as
   * a plain one: better unthreaded than lost.
   */
  protected async sendOne(account: MetaAccount, request: OutgoingRequest, outcome: string, rules: readonly ErrorRule[] = []): Promise<string> {
    let response: unknown;
    try {
      response = await this.call(account, { method: "POST", path: request.path, body: request.body }, outcome, rules);
    } catch (err) {
      const plain = this.product.withoutReply?.(request);
      if (!plain || !refusedAsInvalid(err)) throw err;
      this.log.warn("Reply reference refused; sending without it", { account: account.id });
      response = await this.call(account, { method: "POST", path: plain.path, body: plain.body }, outcome, rules);
    }
    return this.messageIdOf(response);
  }

  /** The message id of a send's answer, or a NetworkError when the network gave none. */
  protected messageIdOf(response: unknown): string {
    const id = this.product.sentMessageId(response);
    if (!id) {
      throw new NetworkError("unknown", `${this.label} accepted the message but gave no message id; it may or may not have arrived.`, "send answer without a message id");
    }
    return id;
  }

  /** The configured account that receives a chat, or a NetworkError saying it is not configured. */
  protected accountFor(accountId: string, outcome: string): MetaAccount {
    const account = this.accountList.find((a) => a.id === accountId);
    if (account) return account;
    throw new NetworkError(
      "permission",
      `Account ${accountId} is not configured for ${this.label}; ${outcome}. An admin must add it to networks.${this.product.id}.accounts.`,
      `no configured account ${accountId}`,
    );
  }

  /**
   * One Graph request as an account, failures mapped to NetworkError (`rules` first, then the
   * product's, then the shared ones); tracks refused tokens for status().
   */
  protected async call(account: MetaAccount, request: GraphRequest, outcome: string, rules: readonly ErrorRule[] = []): Promise<unknown> {
    try {
      const response = await this.clientFor(account).request(request);
      this.health.accountWorked(account.id);
      return response;
    } catch (err) {
      if (!(err instanceof GraphApiError || err instanceof GraphTransportError)) throw err;
      const mapped = toNetworkError(err, { network: this.product.id, label: this.label, account: account.label, outcome }, [...rules, ...this.product.errorRules]);
      if (mapped.reason === "auth") this.health.tokenRefused(account.id);
      this.log.warn("Graph request failed", { account: account.id, method: request.method, reason: mapped.reason, ...describeFailure(err) });
      throw mapped;
    }
  }

  private clientFor(account: MetaAccount): GraphClient {
    let client = this.clients.get(account.id);
    if (!client) {
      const api = this.settings.graph_api;
      client = new GraphClient(
        { baseUrl: api.base_url, version: api.version, timeoutMs: api.timeout_ms, maxRetries: api.max_retries, accessToken: account.accessToken },
        this.deps,
        this.log.child("networks.graph", { account: account.id }),
      );
      this.clients.set(account.id, client);
    }
    return client;
  }
}

function refusedAsInvalid(err: unknown): boolean {
  const invalid = err instanceof NetworkError && (err.reason === "invalid" || err.reason === "unsupported");
  return invalid && err.cause instanceof GraphApiError && err.cause.code === 100;
}
