import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/** ai's transactional outbox (its answers to privacy requests) and processed-event ledger. */
export class Outbox1767400000000 implements MigrationInterface {
  name = "Outbox1767400000000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("ai").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("ai").down) await db.query(statement);
  }
}
