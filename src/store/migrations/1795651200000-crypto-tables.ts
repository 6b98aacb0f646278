import { Table, TableIndex, TableUnique } from "typeorm";
import type { MigrationInterface, QueryRunner, TableColumnOptions } from "typeorm";

// The end-to-end encryption engine's tables (src/matrix/crypto). Like the initial migration, written
// with the QueryRunner table API so that one migration serves SQLite and PostgreSQL, and kept in step
// with src/store/entities/crypto/.

function varchar(name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
  return { name, type: "varchar", length: String(length), ...extra };
}

const key = (name: string, length = 255): TableColumnOptions => varchar(name, length, { isPrimary: true });
const text = (name: string): TableColumnOptions => ({ name, type: "text" });
const bigint = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: "bigint", ...extra });
const integer = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: "integer", ...extra });
const boolean = (name: string): TableColumnOptions => ({ name, type: "boolean" });

// Built afresh for each run: createTable may adjust the Table objects it is given.
function cryptoTables(): Table[] {
  return [
    new Table({
      name: "crypto_accounts",
      columns: [
        key("user_id"),
        key("device_id"),
        text("pickle"),
        varchar("curve25519_key", 64),
        varchar("ed25519_key", 64),
        boolean("device_created"),
        boolean("keys_uploaded"),
        boolean("cross_signed"),
        integer("server_otk_count"),
        bigint("fallback_rotated_at", { isNullable: true }),
        bigint("created_at"),
        bigint("updated_at"),
      ],
    }),
    new Table({
      name: "crypto_olm_sessions",
      columns: [
        key("user_id"),
        key("device_id"),
        key("their_key", 64),
        key("session_id", 64),
        text("pickle"),
        bigint("created_at"),
        bigint("last_used_at"),
      ],
    }),
    new Table({
      name: "crypto_outbound_group_sessions",
      columns: [
        key("room_id"),
        key("user_id"),
        key("device_id"),
        varchar("session_id", 64),
        text("pickle"),
        bigint("created_at"),
        integer("message_count"),
      ],
      uniques: [new TableUnique({ name: "UQ_crypto_outbound_group_sessions_session_id", columnNames: ["session_id"] })],
    }),
    new Table({
      name: "crypto_group_shares",
      columns: [
        key("session_id", 64),
        key("user_id"),
        key("device_id"),
        integer("message_index"),
        varchar("withheld", 64, { isNullable: true }),
        bigint("shared_at"),
      ],
    }),
    new Table({
      name: "crypto_inbound_group_sessions",
      columns: [
        key("room_id"),
        key("session_id", 64),
        key("sender_key", 64),
        varchar("sender_user_id", 255, { isNullable: true }),
        varchar("claimed_ed25519_key", 64),
        integer("first_known_index"),
        text("pickle"),
        text("forwarding_chain"),
        varchar("received_by_user_id", 255),
        varchar("received_by_device_id", 255),
        bigint("created_at"),
      ],
    }),
    new Table({
      name: "crypto_devices",
      columns: [
        key("user_id"),
        key("device_id"),
        varchar("curve25519_key", 64),
        varchar("ed25519_key", 64),
        text("keys_json"),
        bigint("updated_at"),
      ],
      indices: [new TableIndex({ name: "IDX_crypto_devices_curve25519_key", columnNames: ["curve25519_key"] })],
    }),
    new Table({
      name: "crypto_tracked_users",
      columns: [key("user_id"), boolean("outdated"), bigint("updated_at")],
    }),
    new Table({
      name: "crypto_cross_signing_keys",
      columns: [
        key("user_id"),
        varchar("master_key", 64),
        varchar("self_signing_key", 64),
        varchar("user_signing_key", 64),
        text("master_seed"),
        text("self_signing_seed"),
        text("user_signing_seed"),
        boolean("uploaded"),
        bigint("created_at"),
      ],
    }),
    new Table({
      name: "crypto_seen_megolm_indexes",
      columns: [key("session_id", 64), integer("message_index", { isPrimary: true }), varchar("event_id", 255), bigint("seen_at")],
    }),
    new Table({
      name: "crypto_rooms",
      columns: [
        key("room_id"),
        varchar("algorithm", 64, { isNullable: true }),
        bigint("rotation_period_ms"),
        integer("rotation_period_msgs"),
        varchar("history_visibility", 32, { isNullable: true }),
        bigint("updated_at"),
      ],
    }),
  ];
}

export class CryptoTables1795651200000 implements MigrationInterface {
  name = "CryptoTables1795651200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of cryptoTables()) {
      await queryRunner.createTable(table, false, false, true);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of cryptoTables().reverse()) {
      await queryRunner.dropTable(table.name, false, false, true);
    }
  }
}
