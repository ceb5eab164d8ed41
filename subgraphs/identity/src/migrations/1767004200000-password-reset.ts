import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Password reset (docs/decisions/0042): single-use tokens (hashed) that set a new password, spent when
 * used or when a newer one is requested.
 */
export class PasswordReset1767004200000 implements MigrationInterface {
  name = "PasswordReset1767004200000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        superseded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX password_reset_tokens_token_hash_key ON identity.password_reset_tokens (token_hash)`,
    );
    // Open tokens of an account, spent by the next request or reset.
    await db.query(
      `CREATE INDEX password_reset_tokens_open_idx ON identity.password_reset_tokens (user_id)
       WHERE used_at IS NULL AND superseded_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.password_reset_tokens`);
  }
}
