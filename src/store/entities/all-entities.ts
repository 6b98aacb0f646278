import { BridgedRoomEntity } from "./bridged-room.entity";
import { cryptoEntities } from "./crypto";
import { GhostEntity } from "./ghost.entity";
import { InboxEntity } from "./inbox.entity";
import { LoginEntity } from "./login.entity";
import { ManagementRoomEntity } from "./management-room.entity";
import { MessageEntity } from "./message.entity";
import { PersonEntity, PersonIdentityEntity } from "./person.entity";
import { PortalEntity } from "./portal.entity";
import { ProcessedTransactionEntity } from "./processed-transaction.entity";
import { ReactionEntity } from "./reaction.entity";

/** Every entity of the store; the migrations create exactly these tables. */
export const allEntities = [
  LoginEntity,
  GhostEntity,
  PortalEntity,
  MessageEntity,
  ReactionEntity,
  ProcessedTransactionEntity,
  InboxEntity,
  ManagementRoomEntity,
  ...cryptoEntities,
  PersonEntity,
  PersonIdentityEntity,
  BridgedRoomEntity,
];
