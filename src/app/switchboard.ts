import type { LoadedConfig } from "../config/load";
import { GhostService } from "../core/ghosts/ghost-service";
import { NetworkRegistry } from "../core/networks/registry";
import { AliasQueryHandler } from "../core/portals/alias-query";
import { InboxWorker } from "../core/queue/inbox-worker";
import { describeError, getLogger } from "../logging/logger";
import { createAppserviceApp, listen, type ListeningServer } from "../matrix/appservice/server";
import type { RoomEvent } from "../matrix/appservice/transaction-body";
import { MATRIX_EVENT, TransactionIntake } from "../matrix/appservice/transaction-intake";
import { InviteHandler } from "../matrix/bot/invite-handler";
import { BridgeGateway } from "../matrix/bridge-gateway";
import { createCommands } from "../matrix/commands/create-commands";
import { MatrixEventHandler } from "../matrix/events/matrix-event-handler";
import { readRegistration } from "../matrix/registration-file";
import { createNetworks } from "../networks";
import { openStore, type Store } from "../store";
import { VERSION } from "../version";
import { Housekeeping } from "./housekeeping";
import { retryForever } from "./retry-forever";

const log = getLogger("switchboard");

/** The running bridge: every part wired together, and the order to start and stop them in. */
export class Switchboard {
  private stopping: Promise<void> | undefined;
  private readonly background = new AbortController();

  private constructor(
    private readonly store: Store,
    private readonly networks: NetworkRegistry,
    private readonly worker: InboxWorker,
    private readonly server: ListeningServer,
    private readonly housekeeping: Housekeeping,
  ) {}

  get port(): number {
    return this.server.port;
  }

  static async start(loaded: LoadedConfig): Promise<Switchboard> {
    const { config } = loaded;
    const registration = readRegistration(config.appservice.registration, config);
    const store = await openStore(
      config.database.type === "sqlite" ? { type: "sqlite", path: config.database.path } : { type: "postgres", uri: config.database.uri },
    );
    try {
      const networks = new NetworkRegistry(createNetworks(config));
      const gateway = new BridgeGateway({ homeserverUrl: config.homeserver.url, domain: config.homeserver.domain, registration });
      await gateway.initialise();

      const ghosts = new GhostService(store.ghosts, networks, gateway);
      const aliases = new AliasQueryHandler(store.portals, networks, gateway);
      const isBridgeUser = (userId: string) =>
        userId === gateway.userId || (userId.endsWith(":" + config.homeserver.domain) && networks.matchLocalpart(userId.slice(1, userId.indexOf(":"))) !== undefined);
      const commands = createCommands(config.bot.command_prefix, {
        version: VERSION,
        networks: () => networks.list().map((e) => ({ label: e.connector.label, status: e.connector.status() })),
        pingHomeserver: () => gateway.pingHomeserver(),
      });
      const invites = new InviteHandler(gateway, store.managementRooms, { permissions: config.permissions, domain: config.homeserver.domain });
      const events = new MatrixEventHandler(gateway, invites, store.managementRooms, commands, {
        commandPrefix: config.bot.command_prefix,
        permissions: config.permissions,
        domain: config.homeserver.domain,
        isBridgeUser,
      });

      const worker = new InboxWorker(store.inbox);
      worker.handle(MATRIX_EVENT, (payload) => events.handle(payload as RoomEvent));
      const intake = new TransactionIntake(store.transactions, () => worker.wake());

      await networks.startAll();
      const app = createAppserviceApp({
        hsToken: registration.hs_token,
        handlers: {
          acceptTransaction: (txnId, txn) => intake.accept(txnId, txn),
          queryUser: (userId) => ghosts.handleUserQuery(userId),
          queryAlias: (alias) => aliases.handle(alias),
          protocol: (id) => networks.protocol(id),
        },
      });
      const server = await listen(app, config.appservice.hostname, config.appservice.port);
      const housekeeping = new Housekeeping(store.transactions);
      const switchboard = new Switchboard(store, networks, worker, server, housekeeping);
      worker.start();
      housekeeping.start();
      log.info("Switchboard is listening", {
        version: VERSION,
        address: `${config.appservice.hostname}:${server.port}`,
        networks: networks.ids().join(",") || "none",
      });
      switchboard.setUpInBackground(gateway, config.bot.displayname, config.bot.avatar);
      return switchboard;
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
  }

  /** Homeserver-side set-up that must not block start-up (the homeserver may still be starting). */
  private setUpInBackground(gateway: BridgeGateway, displayName: string, avatar: string): void {
    const signal = this.background.signal;
    void retryForever("set up the bridge bot", () => gateway.setUpBot(displayName, avatar), signal).then(async () => {
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
      await this.server.close();
      log.debug("stopped listening");
      await this.worker.stop();
      log.debug("finished the work under way");
      await this.networks.stopAll();
      await this.store.close();
      log.info("Switchboard stopped");
    })();
    return this.stopping;
  }
}
