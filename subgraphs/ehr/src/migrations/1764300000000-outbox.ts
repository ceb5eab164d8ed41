import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/** ehr's transactional outbox (vaccination.recorded, reminder.due, record.accessed) and processed-event ledger. */
export class Outbox1764300000000 implements MigrationInterface {
  name = "Outbox1764300000000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("ehr").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("ehr").down) await db.query(statement);
  }
}
