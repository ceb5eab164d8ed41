import type { DataSource } from "typeorm";
import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { ClinicRegistry } from "../clinic/clinic-registry";
import type { PetsContext } from "../context";
import type { PetService } from "../pet/pet.service";
import { RecordAccessGrantEntity } from "./record-access-grant.entity";
import type { GrantRecordAccessInput, RevokeRecordAccessInput } from "./record-access-grant.inputs";

/** Owners decide which clinics may see and add to a pet's health record. */
export class RecordAccessGrantService {
  constructor(
    private readonly db: DataSource,
    private readonly pets: PetService,
    private readonly clinics: ClinicRegistry,
  ) {}

  /** Grants (or extends) an approved clinic's access; one live grant per pet and clinic. */
  async grant(ctx: PetsContext, input: GrantRecordAccessInput): Promise<RecordAccessGrantEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const clinicId = parseId(input.clinicId, "input.clinicId");
    if (input.until && input.until.getTime() <= Date.now()) throw new BadUserInputError("input.until", "until must be in the future");
    await this.clinics.requireApproved(ctx, clinicId, "input.clinicId");
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO pets.record_access_grants (pet_id, clinic_id, granted_by, until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (pet_id, clinic_id) WHERE revoked_at IS NULL
       DO UPDATE SET until = EXCLUDED.until, granted_by = EXCLUDED.granted_by
       RETURNING id`,
      [pet.id, clinicId, ctx.viewer!.userId, input.until ?? null],
    );
    return this.db.getRepository(RecordAccessGrantEntity).findOneByOrFail({ id: rows[0]!.id });
  }

  async revoke(ctx: PetsContext, input: RevokeRecordAccessInput): Promise<RecordAccessGrantEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const grantId = parseId(input.grantId, "input.grantId");
    const repository = this.db.getRepository(RecordAccessGrantEntity);
    const grant = await repository.findOneBy({ id: grantId, petId: pet.id });
    if (!grant) throw new NotFoundError("Grant", "input.grantId");
    if (!grant.revokedAt) await repository.update(grant.id, { revokedAt: new Date() });
    return repository.findOneByOrFail({ id: grant.id });
  }
}
