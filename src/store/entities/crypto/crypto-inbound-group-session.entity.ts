import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "../epoch-millis";

export interface CryptoInboundGroupSessionRow {
  roomId: string;
  sessionId: string;
  senderKey: string;
  senderUserId: string | null;
  claimedEd25519Key: string;
  firstKnownIndex: number;
  pickle: string;
  forwardingChain: string;
  receivedByUserId: string;
  receivedByDeviceId: string;
  createdAt: number;
}

/** Megolm sessions others (and we) send with, as imported from room keys. */
export const CryptoInboundGroupSessionEntity = new EntitySchema<CryptoInboundGroupSessionRow>({
  name: "CryptoInboundGroupSession",
  tableName: "crypto_inbound_group_sessions",
  columns: {
    roomId: { name: "room_id", type: "varchar", length: 255, primary: true },
    sessionId: { name: "session_id", type: "varchar", length: 64, primary: true },
    senderKey: { name: "sender_key", type: "varchar", length: 64, primary: true },
    senderUserId: { name: "sender_user_id", type: "varchar", length: 255, nullable: true },
    claimedEd25519Key: { name: "claimed_ed25519_key", type: "varchar", length: 64 },
    firstKnownIndex: { name: "first_known_index", type: "integer" },
    pickle: { type: "text" },
    forwardingChain: { name: "forwarding_chain", type: "text" },
    receivedByUserId: { name: "received_by_user_id", type: "varchar", length: 255 },
    receivedByDeviceId: { name: "received_by_device_id", type: "varchar", length: 255 },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
