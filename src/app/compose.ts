import type { Config } from "../config/schema";
import { NETWORK_IDS, type ConfiguredNetworkId } from "../config/network-sections";
import { GhostService } from "../core/ghosts/ghost-service";
import { REMOTE_EVENT, RemoteEventIntake } from "../core/intake/remote-event-intake";
import { OutboundRelay } from "../core/messages/outbound-relay";
import { RemoteMessageHandler } from "../core/messages/remote-message-handler";
import type { RemoteEvent } from "../core/networks/connector";
import { NetworkRegistry } from "../core/networks/registry";
import { AliasQueryHandler } from "../core/portals/alias-query";
import { PortalService } from "../core/portals/portal-service";
import { InboxWorker } from "../core/queue/inbox-worker";
import type { AppserviceHandlers } from "../matrix/appservice/handlers";
import type { RoomEvent } from "../matrix/appservice/transaction-body";
import { MATRIX_EVENT, TransactionIntake } from "../matrix/appservice/transaction-intake";
import { InviteHandler } from "../matrix/bot/invite-handler";
import { BridgeGateway } from "../matrix/bridge-gateway";
import { createCommands } from "../matrix/commands/create-commands";
import { MatrixEventHandler } from "../matrix/events/matrix-event-handler";
import type { Registration } from "../matrix/registration";
import { createNetworks } from "../networks";
import type { Store } from "../store";
import { VERSION } from "../version";

/** Every service of a running bridge, wired together (nothing listens or runs yet). */
export interface Composition {
  networks: NetworkRegistry;
  gateway: BridgeGateway;
  worker: InboxWorker;
  remoteIntake: RemoteEventIntake;
  appserviceHandlers: AppserviceHandlers;
}

const networkSection = (config: Config, id: string) =>
  (NETWORK_IDS as readonly string[]).includes(id) ? config.networks[id as ConfiguredNetworkId] : undefined;

export async function compose(config: Config, registration: Registration, store: Store): Promise<Composition> {
  const domain = config.homeserver.domain;
  const networks = new NetworkRegistry(createNetworks(config));
  const gateway = new BridgeGateway({ homeserverUrl: config.homeserver.url, domain, registration });
  await gateway.initialise();

  const ghosts = new GhostService(store.ghosts, networks, gateway);
  const portals = new PortalService(store.portals, gateway, {
    inviteTargets: (network) => networkSection(config, network)?.invite ?? [],
    encryptByDefault: config.encryption.default,
  });
  const inbound = new RemoteMessageHandler(networks, ghosts, portals, store.messages, gateway);
  const outbound = new OutboundRelay(networks, portals, store.messages, gateway, {
    globalPermissions: config.permissions,
    networkPermissions: (network) => networkSection(config, network)?.permissions ?? {},
  });

  const commands = createCommands(config.bot.command_prefix, {
    version: VERSION,
    networks: () => networks.list().map((e) => ({ label: e.connector.label, status: e.connector.status() })),
    pingHomeserver: () => gateway.pingHomeserver(),
  });
  const invites = new InviteHandler(gateway, store.managementRooms, { permissions: config.permissions, domain });
  const events = new MatrixEventHandler(gateway, invites, store.managementRooms, commands, {
    commandPrefix: config.bot.command_prefix,
    permissions: config.permissions,
    domain,
    isBridgeUser: (userId) => gateway.isBridgeUser(userId),
    portalMessage: (message) => outbound.handle(message),
  });

  const worker = new InboxWorker(store.inbox);
  worker.handle(MATRIX_EVENT, (payload) => events.handle(payload as RoomEvent));
  worker.handle(REMOTE_EVENT, (payload) => inbound.handle(payload as RemoteEvent));
  const transactions = new TransactionIntake(store.transactions, () => worker.wake());
  const remoteIntake = new RemoteEventIntake(store.inbox, () => worker.wake());
  const aliases = new AliasQueryHandler(store.portals, networks, gateway);

  return {
    networks,
    gateway,
    worker,
    remoteIntake,
    appserviceHandlers: {
      acceptTransaction: (txnId, txn) => transactions.accept(txnId, txn),
      queryUser: (userId) => ghosts.handleUserQuery(userId),
      queryAlias: (alias) => aliases.handle(alias),
      protocol: (id) => networks.protocol(id),
    },
  };
}
