import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Two-factor sign-in with TOTP (docs/decisions/0045): one authenticator per account (pending until confirmed),
 * single-use recovery codes (hashed), and the short-lived challenges `login` answers instead of a session.
 */
export class TwoFactor1767100000000 implements MigrationInterface {
  name = "TwoFactor1767100000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.totp_credentials (
        user_id uuid PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        secret text NOT NULL,
        confirmed_at timestamptz,
        last_used_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE identity.mfa_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX mfa_recovery_codes_user_code_key ON identity.mfa_recovery_codes (user_id, code_hash)`,
    );
    await db.query(`
      CREATE TABLE identity.mfa_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        challenge_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        failed_attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX mfa_challenges_challenge_hash_key ON identity.mfa_challenges (challenge_hash)`);
    await db.query(`CREATE INDEX mfa_challenges_user_idx ON identity.mfa_challenges (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.mfa_challenges`);
    await db.query(`DROP TABLE identity.mfa_recovery_codes`);
    await db.query(`DROP TABLE identity.totp_credentials`);
  }
}
