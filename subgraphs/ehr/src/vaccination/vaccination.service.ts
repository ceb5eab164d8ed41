import type { DataSource, EntityManager } from "typeorm";
import { BadUserInputError, writeEvent } from "@pawgraph/subgraph-kit";
import { EHR_SCHEMA, VACCINATION_RECORDED } from "../events";
import type { AccessPolicy } from "../access/access-policy";
import type { PetAccess } from "../access/pet-access";
import type { EhrContext } from "../context";
import { occurredAt } from "../record/record-time";
import type { ReminderService } from "../reminder/reminder.service";
import { VaccinationEntity } from "./vaccination.entity";
import type { RecordVaccinationInput, VaccinationDetailsInput } from "./vaccination.inputs";

export interface VaccinationWrite {
  access: PetAccess;
  clinicId: string;
  givenAt: Date;
  visitId: string | null;
}

/** Records vaccinations and keeps the matching reminder's due date current. */
export class VaccinationService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reminders: ReminderService,
  ) {}

  async record(ctx: EhrContext, input: RecordVaccinationInput): Promise<VaccinationEntity> {
    const { access, clinicId } = await this.policy.clinicalWrite(ctx, input.petId, input.clinicId);
    const givenAt = occurredAt(input.occurredAt);
    checkDetails(input.vaccination, givenAt, "input.vaccination");
    return this.db.transaction(async (tx) => {
      const vaccination = await this.insert(ctx, tx, { access, clinicId, givenAt, visitId: null }, input.vaccination);
      await ctx.accessLog.logWrite(tx, access, clinicId);
      return vaccination;
    });
  }

  /** Inserts one vaccination inside the caller's transaction (also used by `recordVisit`). */
  async insert(
    ctx: EhrContext,
    tx: EntityManager,
    write: VaccinationWrite,
    details: VaccinationDetailsInput,
  ): Promise<VaccinationEntity> {
    const { dueOn, rule } = await this.reminders.nextDueOn(tx, write.access.species, details, write.givenAt);
    const repository = tx.getRepository(VaccinationEntity);
    const vaccination = await repository.save(
      repository.create({
        petId: write.access.petId,
        clinicId: write.clinicId,
        occurredAt: write.givenAt,
        recordedBy: ctx.viewer!.userId,
        visitId: write.visitId,
        vaccine: details.vaccine.trim(),
        vaccineCode: details.vaccineCode ?? null,
        manufacturer: details.manufacturer?.trim() || null,
        lotNumber: details.lotNumber?.trim() || null,
        validUntil: details.validUntil ?? null,
        nextDueOn: dueOn,
        givenBy: ctx.viewer!.userId,
      }),
    );
    await this.reminders.onVaccination(tx, vaccination, rule);
    const payload = {
      vaccinationId: vaccination.id,
      petId: vaccination.petId,
      clinicId: write.clinicId,
      vaccine: vaccination.vaccine,
      vaccineCode: vaccination.vaccineCode,
      givenAt: write.givenAt.toISOString(),
      nextDueOn: vaccination.nextDueOn,
    };
    await writeEvent(tx, EHR_SCHEMA, VACCINATION_RECORDED.create(vaccination.petId, payload));
    return repository.findOneByOrFail({ id: vaccination.id });
  }
}

/** No vaccine is licensed to protect longer than a few years (rabies: 3); a date past this is a typo (2205 for 2025). */
export const MAX_VACCINE_YEARS = 10;

/** Date rules that need the administration time: validity and next dose come after it, within MAX_VACCINE_YEARS. */
export function checkDetails(details: VaccinationDetailsInput, givenAt: Date, prefix: string): void {
  const given = givenAt.toISOString().slice(0, 10);
  const latest = new Date(
    Date.UTC(givenAt.getUTCFullYear() + MAX_VACCINE_YEARS, givenAt.getUTCMonth(), givenAt.getUTCDate()),
  )
    .toISOString()
    .slice(0, 10);
  if (details.validUntil && details.validUntil < given)
    throw new BadUserInputError(`${prefix}.validUntil`, "must not be before the vaccination");
  if (details.validUntil && details.validUntil > latest)
    throw new BadUserInputError(`${prefix}.validUntil`, `must be within ${MAX_VACCINE_YEARS} years of the vaccination`);
  if (details.nextDueOn && details.nextDueOn <= given)
    throw new BadUserInputError(`${prefix}.nextDueOn`, "must be after the vaccination");
  if (details.nextDueOn && details.nextDueOn > latest)
    throw new BadUserInputError(`${prefix}.nextDueOn`, `must be within ${MAX_VACCINE_YEARS} years of the vaccination`);
}
