import type { IncomingMessage, ServerResponse } from "node:http";
import { describeError } from "../../logging/logger";
import { sendJson } from "../graph/http-response";
import type { ControlHandler } from "../graph/router";
import { WebhookDeliveryError } from "../graph/webhook-dispatcher";
import type { GraphEmulator } from "../types";
import {
  ControlInputError,
  parseClockAdvance,
  parseInboundMessage,
  parseInjectedFailure,
  parseJsonObject,
  parseSentFilter,
  parseWebhookFilter,
} from "./control-input";
import { PERSON_ACTIONS, type PersonControlTarget } from "./person-input";
import { asInputError, parseSentTemplateFilter, parseTemplateInput, parseTemplateKey } from "./template-input";

export interface AccountSummary {
  network: string;
  id: string;
  name: string;
  webhookUrl: string;
  /** WhatsApp: the WABA whose templates the number sends */
  wabaId?: string;
}

type ControlTarget = Pick<
  GraphEmulator,
  | "inbound"
  | "sent"
  | "clearSent"
  | "webhooks"
  | "injectFailure"
  | "clearFailures"
  | "advanceClock"
  | "now"
  | "sentMedia"
  | "templates"
  | "setTemplate"
  | "removeTemplate"
  | "sentTemplates"
> &
  PersonControlTarget;

type Action = (url: URL, body: Buffer) => Promise<{ status: number; body?: unknown }>;

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."));
}

/** What a person's action answered, or a 502 when the bridge could not be reached, or a 400 for input the emulator refused. */
async function deliverFor(action: () => Promise<unknown>): Promise<{ status: number; body?: unknown }> {
  try {
    return { status: 200, body: await action() };
  } catch (err) {
    if (err instanceof WebhookDeliveryError) return { status: 502, body: { error: describeError(err) } };
    if (err instanceof ControlInputError) throw err;
    throw new ControlInputError(describeError(err));
  }
}

/**
 * JSON over HTTP for admins and manual tests: /_emulator/inbound, /person/<action>, /sent,
 * /sent-media, /webhooks, /failures, /clock, /templates, /sent-templates.
 */
export function createControlHandler(target: ControlTarget, accounts: () => AccountSummary[], allowRemote: boolean): ControlHandler {
  const actions: Record<string, Action> = {
    "GET /_emulator": async () => ({ status: 200, body: { now: target.now(), accounts: accounts() } }),
    "POST /_emulator/inbound": async (_url, body) => {
      const message = parseInboundMessage(parseJsonObject(body));
      return deliverFor(() => target.inbound(message));
    },
    ...Object.fromEntries(
      Object.entries(PERSON_ACTIONS).map(([name, act]): [string, Action] => [
        `POST /_emulator/person/${name}`,
        async (_url, body) => {
          const fields = parseJsonObject(body);
          return deliverFor(() => act(target, fields));
        },
      ]),
    ),
    "GET /_emulator/sent-media": async (url) => ({
      status: 200,
      body: target.sentMedia(parseSentFilter(url.searchParams)).map(({ data, ...media }) => ({ ...media, size: data.length, dataBase64: data.toString("base64") })),
    }),
    "GET /_emulator/sent": async (url) => ({ status: 200, body: target.sent(parseSentFilter(url.searchParams)) }),
    "DELETE /_emulator/sent": async () => {
      target.clearSent();
      return { status: 204 };
    },
    "GET /_emulator/webhooks": async (url) => ({ status: 200, body: target.webhooks(parseWebhookFilter(url.searchParams)) }),
    "POST /_emulator/failures": async (_url, body) => {
      target.injectFailure(parseInjectedFailure(parseJsonObject(body)));
      return { status: 201, body: { injected: true } };
    },
    "DELETE /_emulator/failures": async () => {
      target.clearFailures();
      return { status: 204 };
    },
    "GET /_emulator/templates": async (url) => ({ status: 200, body: target.templates(url.searchParams.get("wabaId") ?? undefined) }),
    "POST /_emulator/templates": async (_url, body) => {
      const { wabaId, template } = parseTemplateInput(parseJsonObject(body));
      try {
        return { status: 201, body: target.setTemplate(wabaId, template) };
      } catch (err) {
        return asInputError(err);
      }
    },
    "DELETE /_emulator/templates": async (url) => {
      const { wabaId, name, language } = parseTemplateKey(url.searchParams);
      return target.removeTemplate(wabaId, name, language) ? { status: 204 } : { status: 404, body: { error: `no template ${name} (${language}) in WABA ${wabaId}` } };
    },
    "GET /_emulator/sent-templates": async (url) => ({ status: 200, body: target.sentTemplates(parseSentTemplateFilter(url.searchParams)) }),
    "GET /_emulator/clock": async () => ({ status: 200, body: { now: target.now() } }),
    "POST /_emulator/clock": async (_url, body) => {
      target.advanceClock(parseClockAdvance(parseJsonObject(body)));
      return { status: 200, body: { now: target.now() } };
    },
  };

  return async (request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer) => {
    if (!allowRemote && !isLoopback(request.socket.remoteAddress)) return sendJson(response, 403, { error: "the control API only answers loopback clients" });
    const action = actions[`${request.method} ${url.pathname.replace(/\/$/, "")}`];
    if (!action) return sendJson(response, 404, { error: `no control endpoint ${request.method} ${url.pathname}`, endpoints: Object.keys(actions) });
    try {
      const result = await action(url, body);
      if (result.body === undefined) {
        response.writeHead(result.status).end();
        return;
      }
      sendJson(response, result.status, result.body);
    } catch (err) {
      sendJson(response, err instanceof ControlInputError ? 400 : 500, { error: describeError(err) });
    }
  };
}
