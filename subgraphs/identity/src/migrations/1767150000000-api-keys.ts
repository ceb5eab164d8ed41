import type { MigrationInterface, QueryRunner } from "typeorm";

/** API keys for third-party developers (docs/decisions/0046): hashed keys with scopes, and requests per key per day. */
export class ApiKeys1767150000000 implements MigrationInterface {
  name = "ApiKeys1767150000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON identity.api_keys (key_hash)`);
    await db.query(`CREATE INDEX api_keys_user_id_idx ON identity.api_keys (user_id)`);
    await db.query(`
      CREATE TABLE identity.api_key_usage (
        key_id uuid NOT NULL REFERENCES identity.api_keys(id) ON DELETE CASCADE,
        day date NOT NULL,
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        requests bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (key_id, day)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.api_key_usage`);
    await db.query(`DROP TABLE identity.api_keys`);
  }
}
