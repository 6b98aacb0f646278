import type { DataSource } from "typeorm";
import { BridgedRoomRepository } from "./repositories/bridged-room-repository";
import { createCryptoStore, type CryptoStore } from "./repositories/crypto";
import { PersonRepository } from "./repositories/person-repository";
import { GhostRepository } from "./repositories/ghost-repository";
import { InboxRepository } from "./repositories/inbox-repository";
import { LoginRepository } from "./repositories/login-repository";
import { ManagementRoomRepository } from "./repositories/management-room-repository";
import { MessageRepository } from "./repositories/message-repository";
import { PortalRepository } from "./repositories/portal-repository";
import { ReactionRepository } from "./repositories/reaction-repository";
import { TransactionInbox } from "./repositories/transaction-inbox";
import { StoreExecutor } from "./store-executor";

export interface Store {
  readonly logins: LoginRepository;
  readonly ghosts: GhostRepository;
  readonly portals: PortalRepository;
  readonly messages: MessageRepository;
  readonly reactions: ReactionRepository;
  readonly transactions: TransactionInbox;
  readonly inbox: InboxRepository;
  readonly managementRooms: ManagementRoomRepository;
  /** Identity links: persons and their remote identities. */
  readonly persons: PersonRepository;
  /** Rooms holding several portals (contact rooms, multi-network rooms). */
  readonly bridgedRooms: BridgedRoomRepository;
  /** The end-to-end encryption engine's tables (src/matrix/crypto). */
  readonly crypto: CryptoStore;
  /**
   * For repositories added elsewhere: run all work through it (see StoreExecutor for why
   * SQLite needs that).
   */
  readonly executor: StoreExecutor;
  /** The underlying TypeORM DataSource; prefer `executor` for queries. */
  readonly dataSource: DataSource;
  /** Waits for work in progress, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export function createStore(dataSource: DataSource): Store {
  const executor = new StoreExecutor(dataSource);
  return {
    logins: new LoginRepository(executor),
    ghosts: new GhostRepository(executor),
    portals: new PortalRepository(executor),
    messages: new MessageRepository(executor),
    reactions: new ReactionRepository(executor),
    transactions: new TransactionInbox(executor),
    inbox: new InboxRepository(executor),
    managementRooms: new ManagementRoomRepository(executor),
    persons: new PersonRepository(executor),
    bridgedRooms: new BridgedRoomRepository(executor),
    crypto: createCryptoStore(executor),
    executor,
    dataSource,
    close: () => executor.close(),
  };
}
