import express, { type Router } from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseConfig } from "../../../src/config/load";
import type { NetworkConnector, NetworkId, RemoteEvent, RemoteEventSink } from "../../../src/core/networks/connector";
import { startGraphEmulator, type EmulatedNetwork, type EmulatorTemplate, type EmulatorUser, type GraphEmulator } from "../../../src/emulator";
import { createNetworks } from "../../../src/networks";
import { registerTeardown } from "../../support/fixtures";

export const APP_SECRET = "integration-app-secret";
export const VERIFY_TOKEN = "integration-verify-token";
export const APP_ID = "424242424242";
/** The WhatsApp Business Account of the WhatsApp case's number. */
export const WABA_ID = "102290129340398";

/** One network's account and person, as the emulator and the connector both know them. */
export interface NetworkCase {
  network: EmulatedNetwork;
  label: string;
  account: string;
  token: string;
  person: string;
  personName: string;
}

export const CASES: NetworkCase[] = [
  { network: "whatsapp", label: "WhatsApp", account: "106540352242922", token: "token-wa", person: "16505551234", personName: "Sheena Nelson" },
  { network: "messenger", label: "Messenger", account: "1122334455", token: "token-fb", person: "6543210987654321", personName: "Peter Chang" },
  { network: "instagram", label: "Instagram", account: "17841400000000001", token: "token-ig", person: "1234567890123456", personName: "Ines Insta" },
];

export class RecordingSink implements RemoteEventSink {
  batches: { network: NetworkId; events: RemoteEvent[] }[] = [];
  failNext = 0;
  async accept(network: NetworkId, events: RemoteEvent[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("store unavailable");
    }
    this.batches.push({ network, events });
  }
  events(): RemoteEvent[] {
    return this.batches.flatMap((b) => b.events);
  }
}

export interface Harness {
  emulator: GraphEmulator;
  connectors: Map<EmulatedNetwork, NetworkConnector>;
  sink: RecordingSink;
  /** backoff delays the Graph clients asked for (no real waiting) */
  sleeps: number[];
  webhookBase: string;
}

/**
 * The emulator, the three connectors built from a parsed config pointing at it (as the app builds
 * them), and a local express server mounting each connector's webhookRoutes() at /webhooks/<id>.
 */
export interface HarnessOptions {
  maxRetries?: number;
  timeoutMs?: number;
  extraUsers?: EmulatorUser[];
  /** networks.messenger/instagram.human_agent in the bridge's config (default false) */
  humanAgent?: boolean;
  /** whether the emulated Meta app has the Human Agent permission (default true) */
  appHasHumanAgent?: boolean;
  /** networks.whatsapp.accounts[0].waba_id (default WABA_ID; "" for none) */
  wabaId?: string;
  /** the emulator's templates by WABA id (default: its demo templates) */
  templates?: Record<string, EmulatorTemplate[]>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const routers = new Map<string, Router>();
  const app = express();
  app.use("/webhooks/:network", (req, res, next) => {
    const router = routers.get(req.params.network ?? "");
    if (router) router(req, res, next);
    else res.status(404).end();
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  registerTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const webhookBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;

  const emulator = await startGraphEmulator({
    accounts: CASES.map((c) => ({
      network: c.network,
      id: c.account,
      accessToken: c.token,
      appSecret: APP_SECRET,
      webhookUrl: `${webhookBase}/${c.network}`,
      verifyToken: VERIFY_TOKEN,
      appId: APP_ID,
      name: `${c.label} test account`,
      ...(c.network === "whatsapp" ? { wabaId: WABA_ID } : { humanAgent: options.appHasHumanAgent ?? true }),
    })),
    users: [
      ...CASES.map((c) => {
        const [firstName, lastName] = c.personName.split(" ");
        return { network: c.network, id: c.person, name: c.personName, firstName, lastName, username: "ines.insta", withAvatar: true };
      }),
      ...(options.extraUsers ?? []),
    ],
    echoWebhooks: true,
    ...(options.templates ? { templates: options.templates } : {}),
  });
  registerTeardown(() => emulator.stop());
  const wabaId = options.wabaId ?? WABA_ID;

  const section = (c: NetworkCase) => `
  ${c.network}:
    enabled: true
    graph_api: { base_url: "${emulator.url}", version: v26.0, timeout_ms: ${options.timeoutMs ?? 5000}, max_retries: ${options.maxRetries ?? 3} }
    app_secret: ${APP_SECRET}
    verify_token: ${VERIFY_TOKEN}
    app_id: "${APP_ID}"
    human_agent: ${c.network !== "whatsapp" && (options.humanAgent ?? false)}
    accounts:
      - { id: "${c.account}", name: "${c.label} desk", access_token: ${c.token}${c.network === "whatsapp" && wabaId ? `, waba_id: "${wabaId}"` : ""} }`;
  const yaml = `
homeserver: { url: "http://localhost:8008", domain: example.org }
networks:${CASES.map(section).join("")}
`;
  const { config } = parseConfig(yaml, "/tmp/switchboard-networks-it/config.yaml");
  const sleeps: number[] = [];
  // the connectors live on the emulator's clock, which tests move forward (messaging windows)
  const entries = createNetworks(config, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, now: () => emulator.now() });
  const sink = new RecordingSink();
  const connectors = new Map<EmulatedNetwork, NetworkConnector>();
  for (const { connector } of entries) {
    const router = connector.webhookRoutes();
    if (router) routers.set(connector.id, router);
    await connector.start(sink);
    registerTeardown(() => connector.stop());
    connectors.set(connector.id as EmulatedNetwork, connector);
  }
  return { emulator, connectors, sink, sleeps, webhookBase };
}
