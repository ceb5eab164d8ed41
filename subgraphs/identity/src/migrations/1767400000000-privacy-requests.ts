import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Privacy requests (docs/decisions/0048): data exports with each subgraph's part, account deletions
 * with each subgraph's confirmation, and the receipts that outlive a deleted account.
 */
export class PrivacyRequests1767400000000 implements MigrationInterface {
  name = "PrivacyRequests1767400000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.data_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        requested_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz,
        archive_key text,
        available_until timestamptz
      )`);
    await db.query(`CREATE INDEX data_exports_user_id_idx ON identity.data_exports (user_id, requested_at DESC)`);
    await db.query(`
      CREATE TABLE identity.data_export_parts (
        export_id uuid NOT NULL REFERENCES identity.data_exports(id) ON DELETE CASCADE,
        subgraph text NOT NULL,
        part_key text NOT NULL,
        rows integer NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (export_id, subgraph)
      )`);
    // No foreign key to users: the row is deleted in the same transaction as the account, last.
    await db.query(`
      CREATE TABLE identity.account_deletions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        erasure_due_at timestamptz NOT NULL,
        erasure_started_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX account_deletions_user_id_key ON identity.account_deletions (user_id)`);
    await db.query(
      `CREATE INDEX account_deletions_due_idx ON identity.account_deletions (erasure_due_at) WHERE erasure_started_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE identity.account_deletion_parts (
        deletion_id uuid NOT NULL REFERENCES identity.account_deletions(id) ON DELETE CASCADE,
        subgraph text NOT NULL,
        rows integer NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (deletion_id, subgraph)
      )`);
    // What stays of a deleted account: when, and how much each subgraph erased. Nobody's id or address.
    await db.query(`
      CREATE TABLE identity.erasure_receipts (
        id uuid PRIMARY KEY,
        requested_at timestamptz NOT NULL,
        erasure_started_at timestamptz NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now(),
        rows_by_subgraph jsonb NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.erasure_receipts`);
    await db.query(`DROP TABLE identity.account_deletion_parts`);
    await db.query(`DROP TABLE identity.account_deletions`);
    await db.query(`DROP TABLE identity.data_export_parts`);
    await db.query(`DROP TABLE identity.data_exports`);
  }
}
