import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { ClinicRegistry } from "../clinic/clinic-registry";
import type { PetsContext } from "../context";
import type { PetService } from "../pet/pet.service";
import type { RecordAccessGrantEntity } from "./record-access-grant.entity";
import type { GrantRecordAccessInput, RevokeRecordAccessInput } from "./record-access-grant.inputs";
import type { RecordAccessGrantRepository } from "./record-access-grant.repository";

/** Owners decide which clinics may see and add to a pet's health record. */
export class RecordAccessGrantService {
  constructor(
    private readonly grants: RecordAccessGrantRepository,
    private readonly pets: PetService,
    private readonly clinics: ClinicRegistry,
  ) {}

  /** Grants (or extends) an approved clinic's access; one live grant per pet and clinic. */
  async grant(ctx: PetsContext, input: GrantRecordAccessInput): Promise<RecordAccessGrantEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const clinicId = parseId(input.clinicId, "input.clinicId");
    if (input.until && input.until.getTime() <= Date.now())
      throw new BadUserInputError("input.until", "until must be in the future");
    await this.clinics.requireApproved(ctx, clinicId, "input.clinicId");
    return this.grants.upsert({ petId: pet.id, clinicId, grantedBy: ctx.viewer!.userId, until: input.until ?? null });
  }

  async revoke(ctx: PetsContext, input: RevokeRecordAccessInput): Promise<RecordAccessGrantEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const grantId = parseId(input.grantId, "input.grantId");
    const grant = await this.grants.ofPet(pet.id, grantId);
    if (!grant) throw new NotFoundError("Grant", "input.grantId");
    return this.grants.revoke(grant);
  }
}
