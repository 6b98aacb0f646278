import type { LoadedConfig } from "../config/load";
import type { Config } from "../config/schema";
import { describeError, getLogger } from "../logging/logger";
import { createAppserviceApp, listen, type ListeningServer } from "../matrix/appservice/server";
import { readRegistration } from "../matrix/registration-file";
import { openStore, type Store } from "../store";
import { VERSION } from "../version";
import { compose, type Composition } from "./compose";
import { Housekeeping } from "./housekeeping";
import { retryForever } from "./retry-forever";
import { createWebhookApp, webhookRouter } from "./webhook-app";

const log = getLogger("switchboard");

/** The running bridge: every part wired together, and the order to start and stop them in. */
export class Switchboard {
  private stopping: Promise<void> | undefined;
  private readonly background = new AbortController();
  private readonly housekeeping: Housekeeping;

  private constructor(
    private readonly store: Store,
    private readonly parts: Composition,
    private readonly listeners: ListeningServer[],
  ) {
    this.housekeeping = new Housekeeping(store.transactions);
  }

  /** The appservice listener's port (the first listener). */
  get port(): number {
    return this.listeners[0]!.port;
  }

  static async start(loaded: LoadedConfig): Promise<Switchboard> {
    const { config } = loaded;
    const registration = readRegistration(config.appservice.registration, config);
    const store = await openStore(
      config.database.type === "sqlite" ? { type: "sqlite", path: config.database.path } : { type: "postgres", uri: config.database.uri },
    );
    const listeners: ListeningServer[] = [];
    try {
      const parts = await compose(config, registration, store);
      await parts.networks.startAll(parts.remoteIntake);
      listeners.push(...(await openListeners(config, registration.hs_token, parts)));
      const switchboard = new Switchboard(store, parts, listeners);
      parts.worker.start();
      switchboard.housekeeping.start();
      log.info("Switchboard is listening", {
        version: VERSION,
        appservice: `${config.appservice.hostname}:${listeners[0]!.port}`,
        webhooks: listeners[1] ? `${config.webhooks.hostname}:${listeners[1].port}` : "on the appservice listener",
        networks: parts.networks.ids().join(",") || "none",
      });
      switchboard.setUpInBackground(parts, config.bot.displayname, config.bot.avatar);
      return switchboard;
    } catch (err) {
      await Promise.allSettled(listeners.map((l) => l.close()));
      await store.close().catch(() => undefined);
      throw err;
    }
  }

  /** Homeserver-side set-up that must not block start-up (the homeserver may still be starting). */
  private setUpInBackground(parts: Composition, displayName: string, avatar: string): void {
    const { gateway, encryption } = parts;
    const signal = this.background.signal;
    const setUpBot = async () => {
      await gateway.setUpBot(displayName, avatar);
      // the bot's device exists before anyone shares room keys with the bot
      if (encryption) await encryption.engine.ensureBotDevice();
    };
    void retryForever("set up the bridge bot", setUpBot, signal).then(async () => {
      if (signal.aborted) return;
      try {
        const ms = await gateway.pingHomeserver();
        log.info("the homeserver reaches the bridge", { roundTripMs: ms });
      } catch (err) {
        log.warn("the homeserver could not reach the bridge; check appservice.address and the registration url", {
          error: describeError(err),
        });
      }
    });
  }

  /** Stops taking requests, finishes work under way, closes the database. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.background.abort();
      this.housekeeping.stop();
      await Promise.all(this.listeners.map((l) => l.close()));
      log.debug("stopped listening");
      await this.parts.worker.stop();
      log.debug("finished the work under way");
      await this.parts.networks.stopAll();
      await this.store.close();
      log.info("Switchboard stopped");
    })();
    return this.stopping;
  }
}

/** The appservice listener, and the webhook listener unless it shares the appservice's address. */
async function openListeners(config: Config, hsToken: string, parts: Composition): Promise<ListeningServer[]> {
  const shared = config.webhooks.port === config.appservice.port && config.webhooks.hostname === config.appservice.hostname;
  const appservice = createAppserviceApp({
    hsToken,
    handlers: parts.appserviceHandlers,
    extraRoutes: shared ? [webhookRouter(parts.networks, parts.publicMedia)] : [],
  });
  const listeners = [await listen(appservice, config.appservice.hostname, config.appservice.port)];
  if (!shared) {
    try {
      listeners.push(await listen(createWebhookApp(parts.networks, parts.publicMedia), config.webhooks.hostname, config.webhooks.port));
    } catch (err) {
      await listeners[0]!.close();
      throw err;
    }
  }
  return listeners;
}
