import { Table, TableIndex, TableUnique } from "typeorm";
import type { MigrationInterface, QueryRunner, TableColumnOptions } from "typeorm";

// Written with the QueryRunner table API rather than SQL so that one migration produces the
// right DDL on both SQLite and PostgreSQL. It must stay in step with src/store/entities/: the
// integration tests check that TypeORM finds nothing to change after migrating.

const network: TableColumnOptions = { name: "network", type: "varchar", length: "32", isPrimary: true };
const createdAt: TableColumnOptions = { name: "created_at", type: "bigint" };

function varchar(name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
  return { name, type: "varchar", length: String(length), ...extra };
}

function nullableText(name: string): TableColumnOptions {
  return { name, type: "text", isNullable: true };
}

// Booleans are 0/1 in SQLite; TypeORM compares defaults as the database reports them back.
function sqlFalse(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === "postgres" ? "false" : "0";
}

// Built afresh for each run: createTable may adjust the Table objects it is given.
function schemaTables(queryRunner: QueryRunner): Table[] {
  const FALSE = sqlFalse(queryRunner);
  return [
    new Table({
      name: "logins",
      columns: [
        network,
        varchar("login_id", 255, { isPrimary: true }),
        nullableText("display_name"),
        { name: "metadata", type: "text", default: "'{}'" },
        createdAt,
      ],
    }),
    new Table({
      name: "ghosts",
      columns: [
        network,
        varchar("remote_id", 255, { isPrimary: true }),
        varchar("user_id", 255),
        nullableText("display_name"),
        nullableText("avatar_url"),
        nullableText("avatar_source"),
        { name: "registered", type: "boolean", default: FALSE },
        { name: "profile_updated_at", type: "bigint", isNullable: true },
        createdAt,
      ],
      uniques: [new TableUnique({ name: "UQ_ghosts_user_id", columnNames: ["user_id"] })],
    }),
    new Table({
      name: "portals",
      columns: [
        network,
        varchar("chat_id", 255, { isPrimary: true }),
        varchar("receiver", 255, { isPrimary: true }),
        varchar("room_id", 255, { isNullable: true }),
        nullableText("name"),
        nullableText("topic"),
        nullableText("avatar_url"),
        { name: "encrypted", type: "boolean", default: FALSE },
        createdAt,
      ],
      indices: [new TableIndex({ name: "IDX_portals_room_id", columnNames: ["room_id"] })],
    }),
    new Table({
      name: "messages",
      columns: [
        network,
        varchar("remote_id", 255, { isPrimary: true }),
        varchar("part_id", 64, { isPrimary: true, default: "''" }),
        varchar("chat_id", 255),
        varchar("receiver", 255),
        varchar("room_id", 255),
        varchar("event_id", 255),
        varchar("sender_id", 255, { isNullable: true }),
        { name: "timestamp", type: "bigint" },
      ],
      uniques: [new TableUnique({ name: "UQ_messages_event_id", columnNames: ["event_id"] })],
    }),
    new Table({
      name: "reactions",
      columns: [
        network,
        varchar("message_id", 255, { isPrimary: true }),
        varchar("message_part", 64, { isPrimary: true }),
        varchar("sender_id", 255, { isPrimary: true }),
        varchar("emoji", 128, { isPrimary: true }),
        varchar("room_id", 255),
        varchar("event_id", 255),
        { name: "timestamp", type: "bigint" },
      ],
      uniques: [new TableUnique({ name: "UQ_reactions_event_id", columnNames: ["event_id"] })],
    }),
    new Table({
      name: "processed_transactions",
      columns: [
        varchar("source", 32, { isPrimary: true }),
        varchar("txn_id", 255, { isPrimary: true }),
        { name: "received_at", type: "bigint" },
      ],
    }),
    new Table({
      name: "inbox",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        varchar("source", 32),
        varchar("kind", 32),
        varchar("dedupe_key", 255, { isNullable: true }),
        varchar("queue_key", 255),
        { name: "payload", type: "text" },
        { name: "attempts", type: "integer", default: 0 },
        nullableText("last_error"),
        varchar("state", 16),
        { name: "received_at", type: "bigint" },
        { name: "next_attempt_at", type: "bigint" },
      ],
      uniques: [new TableUnique({ name: "UQ_inbox_source_dedupe_key", columnNames: ["source", "dedupe_key"] })],
      indices: [new TableIndex({ name: "IDX_inbox_due", columnNames: ["state", "next_attempt_at"] })],
    }),
    new Table({
      name: "management_rooms",
      columns: [varchar("room_id", 255, { isPrimary: true }), varchar("user_id", 255), createdAt],
      indices: [new TableIndex({ name: "IDX_management_rooms_user_id", columnNames: ["user_id"] })],
    }),
  ];
}

export class InitialSchema1795564800000 implements MigrationInterface {
  name = "InitialSchema1795564800000";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of schemaTables(queryRunner)) {
      await queryRunner.createTable(table, false, false, true);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of schemaTables(queryRunner).reverse()) {
      await queryRunner.dropTable(table.name, false, false, true);
    }
  }
}
