import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Social sign-in (OpenID Connect, docs/decisions/0047): which provider accounts are linked to which
 * user, and sign-ins in progress (state, nonce and PKCE verifier, each attempt usable once for 10 minutes).
 */
export class SocialSignIn1767300000000 implements MigrationInterface {
  name = "SocialSignIn1767300000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.user_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        provider text NOT NULL,
        subject text NOT NULL,
        email text,
        linked_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider, subject),
        UNIQUE (user_id, provider)
      )`);
    await db.query(`
      CREATE TABLE identity.social_sign_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_hash text NOT NULL UNIQUE,
        provider text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        redirect_uri text NOT NULL,
        user_id uuid REFERENCES identity.users(id) ON DELETE CASCADE,
        link_token_hash text UNIQUE,
        link_subject text,
        link_email text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.social_sign_ins`);
    await db.query(`DROP TABLE identity.user_identities`);
  }
}
