import type { MigrationInterface, QueryRunner } from "typeorm";

/** Accounts, clinic memberships, refresh-token families and the login throttle. */
export class Initial1764000000000 implements MigrationInterface {
  name = "Initial1764000000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{OWNER}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_lowercase CHECK (email = lower(email))
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON identity.users (email)`);
    await db.query(`
      CREATE TABLE identity.clinic_memberships (
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        clinic_id uuid NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, clinic_id, role)
      )`);
    await db.query(`
      CREATE TABLE identity.refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON identity.refresh_tokens (token_hash)`);
    await db.query(`CREATE INDEX refresh_tokens_family_id_idx ON identity.refresh_tokens (family_id)`);
    await db.query(`
      CREATE TABLE identity.login_throttle (
        email text PRIMARY KEY,
        failed_count int NOT NULL DEFAULT 0,
        locked_until timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.login_throttle`);
    await db.query(`DROP TABLE identity.refresh_tokens`);
    await db.query(`DROP TABLE identity.clinic_memberships`);
    await db.query(`DROP TABLE identity.users`);
  }
}
