import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/** identity's outbox and processed-event ledger, for consuming other subgraphs' events exactly once. */
export class Events1764600000000 implements MigrationInterface {
  name = "Events1764600000000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("identity").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("identity").down) await db.query(statement);
  }
}
