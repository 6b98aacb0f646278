import { Table, TableColumn, TableIndex, TableUnique } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

// Identity links (persons), rooms that hold several portals (contact and group rooms), each
// portal's last inbound time (messaging windows), and a message map where one Matrix event maps
// to one message per network (event ids are unique per network, no longer globally).
export class UnifiedConversations1795824000000 implements MigrationInterface {
  name = "UnifiedConversations1795824000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropUniqueConstraint("messages", "UQ_messages_event_id");
    await queryRunner.createUniqueConstraint("messages", new TableUnique({ name: "UQ_messages_network_event_id", columnNames: ["network", "event_id"] }));
    await queryRunner.createIndex("messages", new TableIndex({ name: "IDX_messages_chat_time", columnNames: ["network", "chat_id", "receiver", "timestamp"] }));
    await queryRunner.dropUniqueConstraint("reactions", "UQ_reactions_event_id");
    await queryRunner.createUniqueConstraint("reactions", new TableUnique({ name: "UQ_reactions_network_event_id", columnNames: ["network", "event_id"] }));
    await queryRunner.addColumn("portals", new TableColumn({ name: "last_inbound_at", type: "bigint", isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: "persons",
        columns: [
          { name: "id", type: "varchar", length: "64", isPrimary: true },
          { name: "name", type: "text", isNullable: true },
          { name: "created_at", type: "bigint" },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "person_identities",
        columns: [
          { name: "network", type: "varchar", length: "32", isPrimary: true },
          { name: "remote_id", type: "varchar", length: "255", isPrimary: true },
          { name: "person_id", type: "varchar", length: "64" },
          { name: "linked_by", type: "varchar", length: "255" },
          { name: "linked_at", type: "bigint" },
        ],
        indices: [new TableIndex({ name: "IDX_person_identities_person", columnNames: ["person_id"] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "bridged_rooms",
        columns: [
          { name: "room_id", type: "varchar", length: "255", isPrimary: true },
          { name: "kind", type: "varchar", length: "16" },
          { name: "person_id", type: "varchar", length: "64", isNullable: true },
          { name: "outgoing_network", type: "varchar", length: "32", isNullable: true },
          { name: "created_at", type: "bigint" },
        ],
        indices: [new TableIndex({ name: "IDX_bridged_rooms_person", columnNames: ["person_id"] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("bridged_rooms");
    await queryRunner.dropTable("person_identities");
    await queryRunner.dropTable("persons");
    await queryRunner.dropColumn("portals", "last_inbound_at");
    await queryRunner.dropUniqueConstraint("reactions", "UQ_reactions_network_event_id");
    await queryRunner.createUniqueConstraint("reactions", new TableUnique({ name: "UQ_reactions_event_id", columnNames: ["event_id"] }));
    await queryRunner.dropIndex("messages", "IDX_messages_chat_time");
    await queryRunner.dropUniqueConstraint("messages", "UQ_messages_network_event_id");
    await queryRunner.createUniqueConstraint("messages", new TableUnique({ name: "UQ_messages_event_id", columnNames: ["event_id"] }));
  }
}
