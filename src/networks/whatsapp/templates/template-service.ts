import type { ChatKey, MessageTemplate, SendResult } from "../../../core/networks/connector";
import { NetworkError } from "../../../core/networks/network-error";
import type { Logger } from "../../../logging/logger";
import type { MetaAccount } from "../../meta/connector-settings";
import type { ErrorRule } from "../../meta/error-mapping";
import type { GraphRequest } from "../../meta/graph-client";
import { readAllPages } from "../../meta/graph-paging";
import type { OutgoingRequest } from "../../meta/product";
import { noWabaId, templateListRules, templateSendRules } from "./template-errors";
import { parseTemplate, publicTemplate, TEMPLATE_FIELDS, type KnownTemplate } from "./template-parse";
import { whatsappTemplateRequest, type TemplateToSend } from "./template-request";

/** What the templates need of the connector: its accounts and its Graph calls (errors mapped). */
export interface TemplateGraph {
  accountFor(receiver: string, outcome: string): MetaAccount;
  call(account: MetaAccount, request: GraphRequest, outcome: string, rules: readonly ErrorRule[]): Promise<unknown>;
  sendOne(account: MetaAccount, request: OutgoingRequest, outcome: string, rules: readonly ErrorRule[]): Promise<string>;
}

/**
 * WhatsApp message templates: listed from the account's WhatsApp Business Account (every status;
 * the core keeps the approved ones), sent by name and language to the phone number's messages.
 * Listing remembers each template, so a send knows whether its parameters must be named.
 */
export class WhatsAppTemplates {
  /** per account, by name and language, as last listed */
  private readonly known = new Map<string, Map<string, KnownTemplate>>();

  constructor(
    private readonly graph: TemplateGraph,
    private readonly log: Logger,
  ) {}

  async list(receiver: string): Promise<MessageTemplate[]> {
    const templates = await this.fetch(receiver);
    return templates.map(publicTemplate);
  }

  async send(chat: ChatKey, template: TemplateToSend): Promise<SendResult> {
    const outcome = `the template ${template.name} (${template.language}) was not sent`;
    const account = this.graph.accountFor(chat.receiver, outcome);
    const known = template.parameters.length ? await this.definition(account, template) : undefined;
    const request = whatsappTemplateRequest(chat, template, known?.parameterNames);
    const rules = templateSendRules(template.name, template.language, template.parameters.length);
    const messageId = await this.graph.sendOne(account, request, outcome, rules);
    this.log.debug("Template sent", { account: account.id, template: template.name, language: template.language, messageId });
    return { messageIds: [messageId] };
  }

  private async fetch(receiver: string): Promise<KnownTemplate[]> {
    const outcome = "the templates could not be listed";
    const account = this.graph.accountFor(receiver, outcome);
    if (!account.wabaId) throw noWabaId(account.label, account.id);
    const request = (query: Record<string, string>) =>
      this.graph.call(account, { method: "GET", path: `${account.wabaId}/message_templates`, query }, outcome, templateListRules(account.wabaId));
    const templates = (await readAllPages(request, { fields: TEMPLATE_FIELDS })).flatMap((json) => parseTemplate(json) ?? []);
    this.known.set(account.id, new Map(templates.map((template) => [key(template.name, template.language), template])));
    this.log.debug("Templates listed", { account: account.id, templates: templates.length });
    return templates;
  }

  /** The template as last listed, listing once when it is not known yet; undefined when it cannot be learnt (the send decides). */
  private async definition(account: MetaAccount, template: TemplateToSend): Promise<KnownTemplate | undefined> {
    const cached = this.known.get(account.id)?.get(key(template.name, template.language));
    if (cached || !account.wabaId) return cached;
    try {
      await this.fetch(account.id);
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      this.log.debug("Templates could not be listed before a send", { account: account.id, reason: err.reason });
    }
    return this.known.get(account.id)?.get(key(template.name, template.language));
  }
}

function key(name: string, language: string): string {
  return `${name}\u0000${language}`;
}
