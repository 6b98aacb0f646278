import { describeError, getLogger } from "../logging/logger";
import { createControlHandler } from "./control/control-api";
import { AttachmentStore } from "./graph/attachment-store";
import { EmulatorClock } from "./graph/clock";
import { Directory, displayName, type ResolvedAccount } from "./graph/directory";
import { FailureInjector } from "./graph/failure-injector";
import { listen, urlFor, type ListeningServer } from "./graph/http-server";
import { MessageLedger } from "./graph/message-ledger";
import { ObservableLog } from "./graph/observable-log";
import { OutgoingHttp } from "./graph/outgoing-http";
import type { Product } from "./graph/product";
import { profilePictureRoute } from "./graph/profile-pictures";
import { GraphRouter } from "./graph/router";
import type { EmulatorServices } from "./graph/services";
import { TimerSet } from "./graph/timers";
import { WebhookDispatcher } from "./graph/webhook-dispatcher";
import { createInstagramProduct } from "./instagram";
import { createMessengerProduct } from "./messenger";
import { People } from "./person/person";
import type {
  DeliveredToPerson,
  InboundContacts,
  InboundDeletion,
  InboundEdit,
  InboundLocation,
  InboundMedia,
  InboundMediaResult,
  InboundReaction,
  InboundUnsupported,
  PersonWebhookResult,
  ReadByPerson,
  SentMedia,
  SentMediaFilter,
  StatusUpdate,
} from "./person-types";
import type { EmulatorTemplate, SentTemplate, SentTemplateFilter, StoredTemplate } from "./template-types";
import type {
  DeliveredWebhook,
  DeliverOptions,
  EmulatedNetwork,
  EmulatorOptions,
  GraphEmulator,
  InboundMessage,
  InboundResult,
  InjectedFailure,
  RecordedRequest,
  SentFilter,
  VerificationResult,
  WebhookFilter,
  WebhookResponse,
} from "./types";
import { createWhatsAppProduct } from "./whatsapp";
import { MediaStore } from "./whatsapp/media-store";
import { TemplateStore } from "./whatsapp/templates/template-store";

const log = getLogger("emulator");

const DEFAULT_WAIT_MS = 5000;
const DEFAULT_GRAPH_VERSION = /^v\d+\.\d+$/;

function matchesSent(filter: SentFilter): (request: RecordedRequest) => boolean {
  return (request) =>
    (filter.network === undefined || request.network === filter.network) &&
    (filter.accountId === undefined || request.accountId === filter.accountId) &&
    (filter.kind === undefined || request.kinds.includes(filter.kind));
}

function matchesWebhook(filter: WebhookFilter): (webhook: DeliveredWebhook) => boolean {
  return (webhook) =>
    (filter.network === undefined || webhook.network === filter.network) &&
    (filter.accountId === undefined || webhook.accountId === filter.accountId) &&
    (filter.kind === undefined || webhook.kind === filter.kind);
}

function matchesMedia(filter: SentMediaFilter): (media: SentMedia) => boolean {
  return (media) => (filter.network === undefined || media.network === filter.network) && (filter.accountId === undefined || media.accountId === filter.accountId);
}

function matchesTemplate(filter: SentTemplateFilter): (sent: SentTemplate) => boolean {
  return (sent) => (filter.accountId === undefined || sent.accountId === filter.accountId) && (filter.recipientId === undefined || sent.recipientId === filter.recipientId);
}

function webhookTimeout(options: EmulatorOptions): (account: ResolvedAccount) => number {
  return (account) => options.webhookTimeoutMs ?? (account.network === "whatsapp" ? 20_000 : 5_000);
}

/** The emulator as tests and the CLI use it: a Graph API server plus the webhooks it sends. */
class RunningGraphEmulator implements GraphEmulator {
  private readonly directory: Directory;
  private readonly clock = new EmulatorClock();
  private readonly ledger = new MessageLedger();
  private readonly requests = new ObservableLog<RecordedRequest>();
  private readonly deliveredWebhooks = new ObservableLog<DeliveredWebhook>();
  private readonly mediaSent = new ObservableLog<SentMedia>();
  private readonly templatesSent = new ObservableLog<SentTemplate>();
  private readonly templateStore: TemplateStore;
  private readonly people: People;
  private readonly failures = new FailureInjector();
  private readonly outgoing = new OutgoingHttp();
  private readonly timers = new TimerSet();
  private readonly webhookDispatcher: WebhookDispatcher;
  private readonly products: Map<EmulatedNetwork, Product>;
  private readonly router: GraphRouter;
  private server: ListeningServer | undefined;
  private stopping: Promise<void> | undefined;
  private baseUrl = "";

  constructor(private readonly options: EmulatorOptions) {
    this.directory = new Directory(options.accounts, options.users ?? []);
    this.webhookDispatcher = new WebhookDispatcher(this.outgoing, this.deliveredWebhooks, this.clock, webhookTimeout(options));
    const services: EmulatorServices = {
      directory: this.directory,
      ledger: this.ledger,
      clock: this.clock,
      webhooks: this.webhookDispatcher,
      timers: this.timers,
      echoWebhooks: options.echoWebhooks ?? true,
      statusWebhooks: options.statusWebhooks ?? false,
      publicUrl: () => this.publicUrl,
      sentMedia: this.mediaSent,
      attachments: new AttachmentStore(() => this.publicUrl),
      http: this.outgoing,
    };
    const whatsappMedia = new MediaStore();
    this.templateStore = new TemplateStore(this.directory.wabaIds(), options.templates);
    const whatsapp = createWhatsAppProduct(services, { media: whatsappMedia, templates: this.templateStore, sentTemplates: this.templatesSent });
    const products = [whatsapp, createMessengerProduct(services), createInstagramProduct(services)];
    this.products = new Map(products.map((product) => [product.network, product]));
    this.people = new People({ services, whatsappMedia, products: this.products });
    const summaries = () =>
      this.directory.accounts().map(({ network, id, name, webhookUrl, wabaId }) => ({ network, id, name, webhookUrl, ...(network === "whatsapp" ? { wabaId } : {}) }));
    this.router = new GraphRouter({
      directory: this.directory,
      products: this.products,
      rawRoutes: [...products.flatMap((product) => product.rawRoutes), profilePictureRoute(this.directory), services.attachments.route()],
      failures: this.failures,
      requests: this.requests,
      clock: this.clock,
      settings: { graphVersion: options.graphVersion ?? DEFAULT_GRAPH_VERSION, httpStatusMode: options.httpStatusMode ?? "meta-table" },
      control: createControlHandler(this, summaries, options.allowRemoteControl ?? false),
    });
  }

  async listen(): Promise<void> {
    const hostname = this.options.hostname ?? "127.0.0.1";
    this.server = await listen((request, response) => this.router.handle(request, response), hostname, this.options.port ?? 0, (err) =>
      log.error("request failed", { error: describeError(err) }),
    );
    this.baseUrl = urlFor(hostname, this.server.port);
    log.info("Graph API emulator listening", { url: this.baseUrl, accounts: this.directory.accounts().length });
  }

  get url(): string {
    return this.baseUrl;
  }

  private get publicUrl(): string {
    return (this.options.publicUrl ?? this.baseUrl).replace(/\/+$/, "");
  }

  sent(filter: SentFilter = {}): RecordedRequest[] {
    return this.requests.list(matchesSent(filter));
  }

  clearSent(): void {
    this.requests.clear();
    this.mediaSent.clear();
    this.templatesSent.clear();
  }

  waitForSent(filter: SentFilter, count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest[]> {
    return this.requests.waitFor(matchesSent(filter), count, timeoutMs, (matching) => {
      const seen = this.requests.list().map((r) => `${r.method} ${r.path} → ${r.status} [${r.kinds.join(",")}]`);
      return `waited ${timeoutMs} ms for ${count} request(s) matching ${JSON.stringify(filter)}, got ${matching.length}; all requests: ${seen.join("; ") || "none"}`;
    });
  }

  webhooks(filter: WebhookFilter = {}): DeliveredWebhook[] {
    return this.deliveredWebhooks.list(matchesWebhook(filter));
  }

  waitForWebhooks(filter: WebhookFilter, count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<DeliveredWebhook[]> {
    return this.deliveredWebhooks.waitFor(matchesWebhook(filter), count, timeoutMs, (matching) => {
      const seen = this.deliveredWebhooks.list().map((w) => `${w.network}/${w.kind} → ${w.status}${w.error ? ` (${w.error})` : ""}`);
      return `waited ${timeoutMs} ms for ${count} webhook(s) matching ${JSON.stringify(filter)}, got ${matching.length}; all webhooks: ${seen.join("; ") || "none"}`;
    });
  }

  async inbound(message: InboundMessage): Promise<InboundResult> {
    const product = this.products.get(message.network);
    if (!product) throw new Error(`unknown network ${String(message.network)}`);
    const account = this.directory.accountFor(message.network, message.accountId);
    if (typeof message.text !== "string" || message.text === "") throw new Error("an inbound message needs text");
    if (typeof message.from !== "string" || message.from === "") throw new Error("an inbound message needs from (the user's id)");
    const user = this.directory.ensureUser(message.network, message.from, message.name);
    const now = this.clock.now();
    const sentAt = message.timestamp ?? now;
    const messageId = message.messageId ?? product.newInboundMessageId(account);
    const senderName = message.name ?? displayName(user);
    const payload = product.inboundWebhook({ account, user, senderName, text: message.text, messageId, replyTo: message.replyTo, sentAt, now });
    // Recorded before the POST: a bridge may answer from inside its webhook handler, and the window must be open by then.
    this.ledger.add({ network: message.network, accountId: account.id, userId: user.id, messageId, direction: "inbound", at: sentAt });
    const response = await this.webhookDispatcher.post({ account, kind: "message", payload });
    return { ...response, messageId, payload };
  }

  deliver(network: EmulatedNetwork, payload: unknown, options: DeliverOptions = {}): Promise<WebhookResponse> {
    const account = this.directory.accountFor(network, options.accountId);
    return this.webhookDispatcher.post({ account, kind: "custom", payload, signature: options.signature, rawBody: options.rawBody });
  }

  verifyWebhook(network: EmulatedNetwork, options: { verifyToken?: string; accountId?: string } = {}): Promise<VerificationResult> {
    const account = this.directory.accountFor(network, options.accountId);
    const verifyToken = options.verifyToken ?? account.verifyToken;
    if (verifyToken === undefined) throw new Error(`${network} account ${account.id} has no verifyToken; pass one`);
    return this.webhookDispatcher.verify(account, verifyToken);
  }

  inboundMedia(message: InboundMedia): Promise<InboundMediaResult> {
    return this.people.media(message);
  }

  inboundLocation(message: InboundLocation): Promise<InboundResult> {
    return this.people.location(message);
  }

  inboundContacts(message: InboundContacts): Promise<InboundResult> {
    return this.people.contacts(message);
  }

  inboundUnsupported(message: InboundUnsupported): Promise<InboundResult> {
    return this.people.unsupported(message);
  }

  inboundReaction(reaction: InboundReaction): Promise<PersonWebhookResult> {
    return this.people.reaction(reaction);
  }

  inboundEdit(edit: InboundEdit): Promise<PersonWebhookResult> {
    return this.people.edit(edit);
  }

  inboundDeletion(deletion: InboundDeletion): Promise<PersonWebhookResult> {
    return this.people.deletion(deletion);
  }

  read(read: ReadByPerson): Promise<PersonWebhookResult> {
    return this.people.read(read);
  }

  delivered(delivery: DeliveredToPerson): Promise<PersonWebhookResult> {
    return this.people.delivered(delivery);
  }

  status(update: StatusUpdate): Promise<PersonWebhookResult> {
    return this.people.status(update);
  }

  sentMedia(filter: SentMediaFilter = {}): SentMedia[] {
    return this.mediaSent.list(matchesMedia(filter));
  }

  sentTemplates(filter: SentTemplateFilter = {}): SentTemplate[] {
    return this.templatesSent.list(matchesTemplate(filter));
  }

  templates(wabaId?: string): StoredTemplate[] {
    return this.templateStore.list(wabaId);
  }

  setTemplate(wabaId: string, template: EmulatorTemplate): StoredTemplate {
    return this.templateStore.set(wabaId, template);
  }

  removeTemplate(wabaId: string, name: string, language: string): boolean {
    return this.templateStore.remove(wabaId, name, language);
  }

  injectFailure(failure: InjectedFailure): void {
    this.failures.add(failure);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  now(): number {
    return this.clock.now();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.timers.cancelAll();
      this.outgoing.abortAll();
      await this.server?.close();
      log.info("Graph API emulator stopped", { url: this.baseUrl });
    })();
    return this.stopping;
  }
}

export async function startGraphEmulator(options: EmulatorOptions): Promise<GraphEmulator> {
  const emulator = new RunningGraphEmulator(options);
  await emulator.listen();
  return emulator;
}
