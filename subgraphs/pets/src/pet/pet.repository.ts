import type { DataSource, EntityManager } from "typeorm";
import { keyset, type PageQuery, type Viewer } from "@pawgraph/subgraph-kit";
import { PetEntity, PetOwnerEntity } from "./pet.entity";
import { PetRelationship, type Species } from "./pet.type";

/** A pet together with how the viewer may use it. */
export interface AccessiblePet {
  pet: PetEntity;
  relationship: PetRelationship;
  /** Clinics of the viewer that hold a live grant to this pet's record. */
  clinicIds: string[];
}

export interface PetListQuery {
  species?: Species[] | null;
  nameContains?: string | null;
  relationship?: PetRelationship | null;
  includeArchived?: boolean | null;
  /** Only pets owned by this user (for `User.pets`). */
  ownedBy?: string;
}

/** `myPets` and `User.pets` in insertion order: `seq`, in the cursor as decimal digits. */
export const PET_PAGE = keyset("seq").of((row: AccessiblePet) => [row.pet.seq]);
export type PetKey = ReturnType<typeof PET_PAGE.keyOf>;

/**
 * $1 viewer id, $2 viewer email, $3 the viewer's clinic ids (from the token). Clinics see a pet
 * through an owner's grant or a booking (fed by bookings' events), which also open its health
 * record (`clinic.clinic_ids`), or through a conversation the owner started with them about it
 * (fed by messaging's events), which shows the pet only (`contact`).
 */
const ACCESS_JOIN = `
  LEFT JOIN pets.pet_owners o ON o.pet_id = p.id AND o.user_id = $1
  LEFT JOIN LATERAL (
    SELECT 1 AS ok FROM pets.pet_carers c
    WHERE c.pet_id = p.id AND c.email = $2 AND (c.until IS NULL OR c.until > now())
    LIMIT 1
  ) carer ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT access.clinic_id ORDER BY access.clinic_id) AS clinic_ids FROM (
      SELECT g.clinic_id FROM pets.record_access_grants g
      WHERE g.pet_id = p.id AND g.clinic_id = ANY($3::uuid[]) AND g.revoked_at IS NULL AND (g.until IS NULL OR g.until > now())
      UNION ALL
      SELECT b.clinic_id FROM pets.booking_access b
      WHERE b.pet_id = p.id AND b.clinic_id = ANY($3::uuid[]) AND b.cancelled_at IS NULL AND b.until > now()
    ) access
  ) clinic ON true
  LEFT JOIN LATERAL (
    SELECT 1 AS ok FROM pets.conversation_access ca
    WHERE ca.pet_id = p.id AND ca.clinic_id = ANY($3::uuid[])
    LIMIT 1
  ) contact ON true`;

/** The viewer sees the pet: owner, current carer, or staff of a clinic with access or a conversation about it. */
const VISIBLE =
  "(o.user_id IS NOT NULL OR carer.ok IS NOT NULL OR clinic.clinic_ids IS NOT NULL OR contact.ok IS NOT NULL)";

const ACCESS_COLUMNS = `CASE WHEN o.user_id IS NOT NULL THEN 'OWNER' WHEN carer.ok IS NOT NULL THEN 'CARER' ELSE 'CLINIC' END AS relationship,
  coalesce(clinic.clinic_ids, '{}') AS access_clinic_ids`;

const CLINIC_ROLES = new Set(["VET", "CLINIC_STAFF", "CLINIC_ADMIN"]);

/**
 * The first three parameters of every access-checked query. A share names an email, so it is
 * matched only against a verified address (the token's `email_verified`): anyone can register an
 * address, and a share made before its owner arrived must not open to whoever registers it first.
 * An unverified viewer's email is null, which `c.email = $2` never matches.
 */
function viewerParams(viewer: Viewer): unknown[] {
  const clinicIds = [...new Set(viewer.memberships.filter((m) => CLINIC_ROLES.has(m.role)).map((m) => m.clinicId))];
  return [viewer.userId, viewer.emailVerified ? viewer.email.toLowerCase() : null, clinicIds];
}

function toAccessible(row: Record<string, unknown>, manager: DataSource | EntityManager): AccessiblePet {
  const pet = manager.getRepository(PetEntity).create({
    id: row.id as string,
    seq: String(row.seq),
    name: row.name as string,
    species: row.species as Species,
    breed: row.breed as string | null,
    sex: row.sex as PetEntity["sex"],
    neutered: row.neutered as boolean | null,
    dateOfBirth: row.date_of_birth as string | null,
    colour: row.colour as string | null,
    microchipId: row.microchip_id as string | null,
    photoUrl: row.photo_url as string | null,
    deceasedOn: row.deceased_on as string | null,
    archivedAt: row.archived_at as Date | null,
    createdBy: row.created_by as string,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
  return { pet, relationship: row.relationship as PetRelationship, clinicIds: row.access_clinic_ids as string[] };
}

/** Every pets query, with the access rule (owner, or carer whose share has not ended) in SQL. */
export class PetRepository {
  constructor(private readonly db: DataSource) {}

  /** The pets among `ids` that the viewer may see, in one statement. */
  async accessibleByIds(viewer: Viewer, ids: readonly string[]): Promise<AccessiblePet[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.*, ${ACCESS_COLUMNS} FROM pets.pets p ${ACCESS_JOIN}
       WHERE p.id = ANY($4::uuid[]) AND ${VISIBLE}`,
      [...viewerParams(viewer), ids],
    );
    return rows.map((row) => toAccessible(row, this.db));
  }

  /** Up to `limit` of the viewer's pets in insertion order (`PET_PAGE`), after the cursor. */
  async listAccessible(
    viewer: Viewer,
    query: PetListQuery,
    { limit, after }: PageQuery<PetKey>,
  ): Promise<AccessiblePet[]> {
    const params: unknown[] = viewerParams(viewer);
    const where: string[] = [];
    const relationship = query.relationship;
    if (relationship === PetRelationship.OWNER) where.push("o.user_id IS NOT NULL");
    else if (relationship === PetRelationship.CARER) where.push("o.user_id IS NULL AND carer.ok IS NOT NULL");
    else if (relationship === PetRelationship.CLINIC)
      where.push("o.user_id IS NULL AND carer.ok IS NULL AND clinic.clinic_ids IS NOT NULL");
    else where.push("(o.user_id IS NOT NULL OR carer.ok IS NOT NULL)");
    if (!query.includeArchived) where.push("p.archived_at IS NULL");
    if (query.species?.length) {
      params.push(query.species);
      where.push(`p.species = ANY($${params.length}::text[])`);
    }
    if (query.nameContains) {
      params.push(`%${query.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`p.name ILIKE $${params.length}`);
    }
    if (query.ownedBy) {
      params.push(query.ownedBy);
      where.push(`EXISTS (SELECT 1 FROM pets.pet_owners ob WHERE ob.pet_id = p.id AND ob.user_id = $${params.length})`);
    }
    if (after) {
      params.push(after[0]);
      where.push(`p.seq > $${params.length}::bigint`);
    }
    params.push(limit);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.*, ${ACCESS_COLUMNS} FROM pets.pets p ${ACCESS_JOIN}
       WHERE ${where.join(" AND ")} ORDER BY p.seq LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => toAccessible(row, this.db));
  }

  /** Names of pets by id, whoever asks (internal callers only). */
  namesOf(petIds: readonly string[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT id, name FROM pets.pets WHERE id = ANY($1::uuid[])`, [[...petIds]]);
  }

  ownersOf(petIds: readonly string[]): Promise<PetOwnerEntity[]> {
    return this.db
      .getRepository(PetOwnerEntity)
      .createQueryBuilder("o")
      .where("o.pet_id = ANY(:ids)", { ids: [...petIds] })
      .orderBy("o.created_at")
      .getMany();
  }
}
