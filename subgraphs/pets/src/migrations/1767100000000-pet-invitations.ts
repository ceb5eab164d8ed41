import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Invitations to co-own a pet or to take it over (docs/decisions/0043). An invitation names an email,
 * like a carer's share; `status` records the answer, and expiry is read from `expires_at` at read time.
 */
export class PetInvitations1767100000000 implements MigrationInterface {
  name = "PetInvitations1767100000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pets.pet_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        kind text NOT NULL CHECK (kind IN ('CO_OWNER', 'TRANSFER')),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED')),
        invited_by uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        answered_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Pending invitations by pet (owners' list) and by address (the invitee's list).
    await db.query(
      `CREATE INDEX pet_invitations_pending_pet_idx ON pets.pet_invitations (pet_id) WHERE status = 'PENDING'`,
    );
    await db.query(
      `CREATE INDEX pet_invitations_pending_email_idx ON pets.pet_invitations (email) WHERE status = 'PENDING'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pets.pet_invitations`);
  }
}
