import type { Config } from "../config/schema";
import { NETWORK_IDS, type ConfiguredNetworkId } from "../config/network-sections";
import { attribute } from "../core/conversations/attribution";
import { ConversationControls } from "../core/conversations/controls";
import { GroupRooms } from "../core/conversations/group-rooms";
import { IdentityLinks } from "../core/conversations/identity-links";
import { LinkSuggestions } from "../core/conversations/link-suggestions";
import { RoomStatus } from "../core/conversations/room-status";
import { TemplateSender } from "../core/conversations/template-sender";
import { GhostService } from "../core/ghosts/ghost-service";
import { REMOTE_EVENT, RemoteEventIntake } from "../core/intake/remote-event-intake";
import { OutboundEphemeral } from "../core/messages/outbound/outbound-ephemeral";
import { OutboundRelay } from "../core/messages/outbound/outbound-relay";
import { RemoteMessageHandler, type RelayHook } from "../core/messages/remote-message-handler";
import { RemoteUpdates } from "../core/messages/remote-updates";
import type { RemoteEvent } from "../core/networks/connector";
import { NetworkRegistry } from "../core/networks/registry";
import { AliasQueryHandler } from "../core/portals/alias-query";
import { PortalService } from "../core/portals/portal-service";
import { InboxWorker } from "../core/queue/inbox-worker";
import type { AppserviceHandlers } from "../matrix/appservice/handlers";
import type { EphemeralEvent, RoomEvent } from "../matrix/appservice/transaction-body";
import { MATRIX_EVENT, MATRIX_TO_DEVICE, TransactionIntake } from "../matrix/appservice/transaction-intake";
import { InviteHandler } from "../matrix/bot/invite-handler";
import { BridgeGateway } from "../matrix/bridge-gateway";
import { conversationCommands } from "../matrix/commands/conversation-commands";
import { createCommands } from "../matrix/commands/create-commands";
import { readReceipts, typingUsers } from "../matrix/events/ephemeral";
import { MatrixEventHandler } from "../matrix/events/matrix-event-handler";
import type { Registration } from "../matrix/registration";
import { createNetworks } from "../networks";
import type { Store } from "../store";
import { VERSION } from "../version";
import { setUpEncryption, type Encryption } from "./encryption";
import { PublicMediaCache } from "./public-media";

/** Every service of a running bridge, wired together (nothing listens or runs yet). */
export interface Composition {
  networks: NetworkRegistry;
  gateway: BridgeGateway;
  worker: InboxWorker;
  remoteIntake: RemoteEventIntake;
  appserviceHandlers: AppserviceHandlers;
  publicMedia: PublicMediaCache;
  encryption: Encryption | undefined;
}

const networkSection = (config: Config, id: string) =>
  (NETWORK_IDS as readonly string[]).includes(id) ? config.networks[id as ConfiguredNetworkId] : undefined;

export async function compose(config: Config, registration: Registration, store: Store): Promise<Composition> {
  const domain = config.homeserver.domain;
  const networks = new NetworkRegistry(createNetworks(config));
  const gateway = new BridgeGateway({ homeserverUrl: config.homeserver.url, domain, registration });
  await gateway.initialise();
  const isBridgeUser = (userId: string) => gateway.isBridgeUser(userId);
  const permissions = {
    globalPermissions: config.permissions,
    networkPermissions: (network: string) => networkSection(config, network)?.permissions ?? {},
  };

  const ghosts = new GhostService(store.ghosts, networks, gateway);
  // portals and identity links need each other: a linked person's new chat opens in their contact room
  const contactRooms: { of?: IdentityLinks } = {};
  const portals = new PortalService(store.portals, gateway, {
    inviteTargets: (network) => networkSection(config, network)?.invite ?? [],
    encryptByDefault: config.encryption.default,
    contactRoomFor: (chat) => contactRooms.of!.contactRoomFor(chat),
  });
  const links = new IdentityLinks(store.persons, store.bridgedRooms, store.portals, portals, ghosts, networks, gateway);
  contactRooms.of = links;
  const encryption = await setUpEncryption(config, store, gateway, portals);
  const publicMedia = new PublicMediaCache(config.webhooks.public_url);
  const outbound = new OutboundRelay(networks, portals, store.bridgedRooms, store.messages, gateway, store.reactions, { ...permissions, publisher: publicMedia });
  const relay: RelayHook = async (chat, event, person) => {
    const source = await store.portals.get(chat);
    if (!source) return;
    const fields = { displayname: person.name, network: person.networkLabel, id: person.remoteId };
    await outbound.relayFromNetwork(source, event, (body) => attribute(config.relay.template, fields, body));
  };
  const inbound = new RemoteMessageHandler(networks, ghosts, portals, store.messages, gateway, {
    relay,
    suggestions: new LinkSuggestions(),
    commandPrefix: config.bot.command_prefix,
  });
  const updates = new RemoteUpdates(networks, ghosts, store.messages, store.reactions, gateway, relay);
  const roomStatus = new RoomStatus(portals, store.bridgedRooms, networks);
  const controls = new ConversationControls(
    networks,
    links,
    new GroupRooms(store.portals, portals, store.bridgedRooms, ghosts, networks, gateway),
    roomStatus,
    new TemplateSender(roomStatus, networks, store.messages, gateway),
  );
  const ephemeral = new OutboundEphemeral(networks, portals, store.messages, { ...permissions, domain, isBridgeUser });

  const commands = createCommands(config.bot.command_prefix, {
    version: VERSION,
    networks: () => networks.list().map((e) => ({ label: e.connector.label, status: e.connector.status() })),
    pingHomeserver: () => gateway.pingHomeserver(),
  }, conversationCommands(controls));
  const invites = new InviteHandler(gateway, store.managementRooms, { permissions: config.permissions, domain });
  const events = new MatrixEventHandler(gateway, invites, store.managementRooms, commands, {
    commandPrefix: config.bot.command_prefix,
    permissions: config.permissions,
    domain,
    isBridgeUser,
    portalEvent: (event) => outbound.handle(event),
    ...encryption?.eventHooks,
  });

  const worker = new InboxWorker(store.inbox);
  worker.handle(MATRIX_EVENT, (payload, item) => events.handle(payload as RoomEvent, { receivedAt: item.receivedAt, attempts: item.attempts }));
  worker.handle(REMOTE_EVENT, (payload) => routeRemoteEvent(payload as RemoteEvent, inbound, updates));
  const transactionStore = { accept: store.transactions.accept.bind(store.transactions), enqueue: store.inbox.enqueue.bind(store.inbox) };
  const transactions = new TransactionIntake(transactionStore, () => worker.wake(), { keepToDevice: encryption !== undefined });
  if (encryption) {
    worker.handle(MATRIX_TO_DEVICE, (payload) => encryption.handleToDevice(payload));
    transactions.onDeviceData((data) => encryption.handleDeviceData(data));
  }
  transactions.onEphemeral((batch) => void forwardEphemeral(batch, ephemeral));
  const remoteIntake = new RemoteEventIntake(store.inbox, () => worker.wake());
  const aliases = new AliasQueryHandler(store.portals, networks, gateway);

  return {
    networks,
    gateway,
    worker,
    remoteIntake,
    publicMedia,
    encryption,
    appserviceHandlers: {
      acceptTransaction: (txnId, txn) => transactions.accept(txnId, txn),
      queryUser: (userId) => ghosts.handleUserQuery(userId),
      queryAlias: (alias) => aliases.handle(alias),
      protocol: (id) => networks.protocol(id),
    },
  };
}

async function routeRemoteEvent(event: RemoteEvent, inbound: RemoteMessageHandler, updates: RemoteUpdates): Promise<void> {
  switch (event.kind) {
    case "message":
      return inbound.handle(event);
    case "reaction":
      return updates.reaction(event);
    case "edit":
      return updates.edit(event);
    case "delete":
      return updates.deletion(event);
    case "receipt":
      return updates.receipt(event);
  }
}

async function forwardEphemeral(batch: EphemeralEvent[], ephemeral: OutboundEphemeral): Promise<void> {
  for (const receipt of readReceipts(batch)) await ephemeral.receipt(receipt.roomId, receipt.userId, receipt.eventId);
  for (const typing of typingUsers(batch)) await ephemeral.typingChanged(typing.roomId, typing.userIds);
}
