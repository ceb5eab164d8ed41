import type { DataSource } from "typeorm";
import { RecordAccessGrantEntity } from "./record-access-grant.entity";

/** Owners' grants of pets' health records to clinics. */
export class RecordAccessGrantRepository {
  constructor(private readonly db: DataSource) {}

  /** Every grant of these pets, ended ones included, oldest first. */
  ofPets(petIds: readonly string[]): Promise<RecordAccessGrantEntity[]> {
    return this.db
      .getRepository(RecordAccessGrantEntity)
      .createQueryBuilder("g")
      .where("g.pet_id = ANY(:ids)", { ids: [...petIds] })
      .orderBy("g.created_at")
      .getMany();
  }

  /** Grants the clinic the pet's record, or changes the end of its live grant (one live grant per pet and clinic). */
  async upsert(
    grant: Pick<RecordAccessGrantEntity, "petId" | "clinicId" | "grantedBy" | "until">,
  ): Promise<RecordAccessGrantEntity> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO pets.record_access_grants (pet_id, clinic_id, granted_by, until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (pet_id, clinic_id) WHERE revoked_at IS NULL
       DO UPDATE SET until = EXCLUDED.until, granted_by = EXCLUDED.granted_by
       RETURNING id`,
      [grant.petId, grant.clinicId, grant.grantedBy, grant.until],
    );
    return this.db.getRepository(RecordAccessGrantEntity).findOneByOrFail({ id: rows[0]!.id });
  }

  /** The pet's grant with this id, or null. */
  ofPet(petId: string, grantId: string): Promise<RecordAccessGrantEntity | null> {
    return this.db.getRepository(RecordAccessGrantEntity).findOneBy({ id: grantId, petId });
  }

  /** Ends the grant now, unless it already ended; the grant as it then stands. */
  async revoke(grant: RecordAccessGrantEntity): Promise<RecordAccessGrantEntity> {
    const repository = this.db.getRepository(RecordAccessGrantEntity);
    if (!grant.revokedAt) await repository.update(grant.id, { revokedAt: new Date() });
    return repository.findOneByOrFail({ id: grant.id });
  }
}
