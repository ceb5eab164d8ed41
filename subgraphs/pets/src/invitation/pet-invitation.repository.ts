import type { DataSource, EntityManager } from "typeorm";
import type { PetInvitationEntity } from "./pet-invitation.entity";
import type { PetInvitationKind, PetInvitationState } from "./pet-invitation.type";

/** An invitation with its pet's name now. */
export interface InvitationRow extends PetInvitationEntity {
  petName: string;
}

/** At most this many of one person's pending invitations are listed (they lapse after 14 days). */
export const MY_INVITATIONS_LIMIT = 100;

const SELECT = `SELECT i.*, p.name AS pet_name FROM pets.pet_invitations i JOIN pets.pets p ON p.id = i.pet_id`;
const PENDING = `i.status = 'PENDING' AND i.expires_at > now()`;

function toRow(row: Record<string, unknown>): InvitationRow {
  return {
    id: row.id as string,
    petId: row.pet_id as string,
    email: row.email as string,
    kind: row.kind as PetInvitationKind,
    status: row.status as PetInvitationState,
    invitedBy: row.invited_by as string,
    expiresAt: row.expires_at as Date,
    answeredAt: row.answered_at as Date | null,
    answeredBy: row.answered_by as string | null,
    createdAt: row.created_at as Date,
    petName: row.pet_name as string,
  };
}

type Db = DataSource | EntityManager;

/**
 * Invitations and the ownership changes that accepting them makes. Writes take the manager of the
 * caller's transaction; each writer locks the pet row first, so invitations and owners of one pet
 * change one transaction at a time.
 */
export class PetInvitationRepository {
  constructor(private readonly db: DataSource) {}

  async byId(id: string, db: Db = this.db, forUpdate = false): Promise<InvitationRow | null> {
    const rows: Record<string, unknown>[] = await db.query(
      `${SELECT} WHERE i.id = $1${forUpdate ? " FOR UPDATE OF i" : ""}`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Pending, unexpired invitations of these pets, oldest first. */
  async pendingOfPets(petIds: readonly string[]): Promise<InvitationRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `${SELECT} WHERE i.pet_id = ANY($1::uuid[]) AND ${PENDING} ORDER BY i.created_at, i.id`,
      [[...petIds]],
    );
    return rows.map(toRow);
  }

  /** Pending, unexpired invitations addressed to `email` (lower case), newest first. */
  async pendingFor(email: string): Promise<InvitationRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `${SELECT} WHERE i.email = $1 AND ${PENDING} ORDER BY i.created_at DESC, i.id LIMIT $2`,
      [email, MY_INVITATIONS_LIMIT],
    );
    return rows.map(toRow);
  }

  /** Locks the pet row: the one lock every change of a pet's invitations and owners takes first. */
  async lockPet(db: EntityManager, petId: string): Promise<void> {
    await db.query(`SELECT 1 FROM pets.pets WHERE id = $1 FOR UPDATE`, [petId]);
  }

  async ownerIds(db: Db, petId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await db.query(
      `SELECT user_id FROM pets.pet_owners WHERE pet_id = $1 ORDER BY created_at, user_id`,
      [petId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Whether someone who accepted an invitation at `email` still owns the pet (the only owner emails pets knows). */
  async ownerHasEmail(db: Db, petId: string, email: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM pets.pet_invitations i JOIN pets.pet_owners o ON o.pet_id = i.pet_id AND o.user_id = i.answered_by
       WHERE i.pet_id = $1 AND i.email = $2 AND i.status = 'ACCEPTED' LIMIT 1`,
      [petId, email],
    );
    return rows.length > 0;
  }

  async insert(
    db: EntityManager,
    invitation: Pick<PetInvitationEntity, "petId" | "email" | "kind" | "invitedBy">,
    lifetimeDays: number,
  ): Promise<InvitationRow> {
    // The database's clock for both ends, so an invitation lasts exactly its lifetime from created_at.
    const rows: { id: string }[] = await db.query(
      `INSERT INTO pets.pet_invitations (pet_id, email, kind, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id`,
      [invitation.petId, invitation.email, invitation.kind, invitation.invitedBy, lifetimeDays],
    );
    return (await this.byId(rows[0]!.id, db))!;
  }

  /** Cancels the pet's pending invitations: those to `email` when given (a new one replaces them), all others but `except`. */
  async cancelPending(db: EntityManager, petId: string, which: { email?: string; except?: string }): Promise<void> {
    await db.query(
      `UPDATE pets.pet_invitations SET status = 'CANCELLED', answered_at = now()
       WHERE pet_id = $1 AND status = 'PENDING' AND ($2::text IS NULL OR email = $2) AND ($3::uuid IS NULL OR id <> $3)`,
      [petId, which.email ?? null, which.except ?? null],
    );
  }

  async answer(db: EntityManager, id: string, status: PetInvitationState, userId: string): Promise<InvitationRow> {
    await db.query(`UPDATE pets.pet_invitations SET status = $2, answered_at = now(), answered_by = $3 WHERE id = $1`, [
      id,
      status,
      userId,
    ]);
    return (await this.byId(id, db))!;
  }

  async addOwner(db: EntityManager, petId: string, userId: string): Promise<void> {
    await db.query(`INSERT INTO pets.pet_owners (pet_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      petId,
      userId,
    ]);
  }

  /**
   * Rehoming: `userId` becomes the only owner; the shares the previous owners made end, and every
   * other pending invitation is cancelled. Clinic grants, weights and the health record stay with the pet.
   */
  async makeSoleOwner(db: EntityManager, petId: string, userId: string, invitationId: string): Promise<void> {
    await db.query(`DELETE FROM pets.pet_owners WHERE pet_id = $1 AND user_id <> $2`, [petId, userId]);
    await this.addOwner(db, petId, userId);
    await db.query(`DELETE FROM pets.pet_carers WHERE pet_id = $1 AND added_by <> $2`, [petId, userId]);
    await this.cancelPending(db, petId, { except: invitationId });
  }
}
