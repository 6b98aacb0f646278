import { TableColumn, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

// Outbound Megolm sessions keep their index-0 session key (sealed), so that a member's device that
// appears later can be given the whole session; shares get an index by user, to find the sessions a
// user's devices hold when that user's device list changes. Kept in step with src/store/entities/crypto/.

const SESSIONS = "crypto_outbound_group_sessions";
const SHARES = "crypto_group_shares";
const SHARES_BY_USER = "IDX_crypto_group_shares_user_id";

export class OutboundInitialKey1795737600000 implements MigrationInterface {
  name = "OutboundInitialKey1795737600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(SESSIONS, new TableColumn({ name: "initial_key", type: "text", isNullable: true }));
    await queryRunner.createIndex(SHARES, new TableIndex({ name: SHARES_BY_USER, columnNames: ["user_id"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(SHARES, SHARES_BY_USER);
    await queryRunner.dropColumn(SESSIONS, "initial_key");
  }
}
