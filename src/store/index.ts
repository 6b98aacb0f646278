// The store's public surface: open it, and use the records and repositories it hands out.
export { openStore } from "./data-source";
export type { DatabaseConfig } from "./database-config";
export type { Store } from "./store";
export { StoreConflictError, StoreOpenError } from "./store-errors";
export type { StoreExecutor } from "./store-executor";
export * from "./records";
export * from "./crypto-records";
export type { CryptoAccountChanges, CryptoStore } from "./repositories/crypto";
export type { GhostRepository, GhostUpsert } from "./repositories/ghost-repository";
export type { InboxRepository } from "./repositories/inbox-repository";
export type { LoginRepository, LoginUpsert } from "./repositories/login-repository";
export type { ManagementRoomRepository } from "./repositories/management-room-repository";
export type { MessageRepository } from "./repositories/message-repository";
export type { PortalRepository, PortalUpsert } from "./repositories/portal-repository";
export type { ReactionRepository } from "./repositories/reaction-repository";
export type { AcceptResult, TransactionInbox } from "./repositories/transaction-inbox";
export type { PersonRepository } from "./repositories/person-repository";
export type { BridgedRoomRepository } from "./repositories/bridged-room-repository";
