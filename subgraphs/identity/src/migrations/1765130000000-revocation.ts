import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Revocation (docs/decisions/0014-revocation.md): a session version per user that access tokens
 * carry as `ver`, an administrator's lock, and the short-lived log of revocations that the
 * gateway and every subgraph poll.
 */
export class Revocation1765130000000 implements MigrationInterface {
  name = "Revocation1765130000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE identity.users
        ADD COLUMN session_version int NOT NULL DEFAULT 0,
        ADD COLUMN locked_at timestamptz,
        ADD COLUMN locked_reason text`);
    await db.query(
      `CREATE INDEX refresh_tokens_user_id_idx ON identity.refresh_tokens (user_id) WHERE revoked_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE identity.revocations (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL,
        session_id uuid,
        min_version int,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT revocations_what CHECK (session_id IS NOT NULL OR min_version IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX revocations_expires_at_idx ON identity.revocations (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.revocations`);
    await db.query(`DROP INDEX identity.refresh_tokens_user_id_idx`);
    await db.query(
      `ALTER TABLE identity.users DROP COLUMN locked_reason, DROP COLUMN locked_at, DROP COLUMN session_version`,
    );
  }
}
