import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Email verification: when an account proved it receives mail at its address, the single-use
 * tokens that prove it (hashed), and when an account was last told that someone tried to register
 * with its address. Accounts that existed before verification was introduced stay unverified: none
 * of them ever proved their address.
 */
export class EmailVerification1765200000000 implements MigrationInterface {
  name = "EmailVerification1765200000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE identity.users ADD COLUMN email_verified_at timestamptz, ADD COLUMN registration_notice_at timestamptz`,
    );
    await db.query(`
      CREATE TABLE identity.email_verification_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX email_verification_tokens_token_hash_key ON identity.email_verification_tokens (token_hash)`,
    );
    await db.query(
      `CREATE INDEX email_verification_tokens_user_id_idx ON identity.email_verification_tokens (user_id, created_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.email_verification_tokens`);
    await db.query(`ALTER TABLE identity.users DROP COLUMN email_verified_at, DROP COLUMN registration_notice_at`);
  }
}
