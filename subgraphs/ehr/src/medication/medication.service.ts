import { BadUserInputError } from "@pawgraph/subgraph-kit";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import type { ClinicalRecordWriter } from "../record/clinical-record.writer";
import { MedicationEntity } from "./medication.entity";
import type { RecordMedicationInput } from "./medication.inputs";
import type { MedicationRepository } from "./medication.repository";
import { MedicationKind } from "./medication.type";

/** A course longer than this is ongoing (endsOn omitted), not a date: 2205 for 2025 is a typo. */
const MAX_COURSE_YEARS = 10;

const addYears = (day: string, years: number) =>
  `${String(Number(day.slice(0, 4)) + years).padStart(4, "0")}${day.slice(4)}`;

/** Medications and prescriptions. */
export class MedicationService {
  constructor(
    private readonly writer: ClinicalRecordWriter,
    private readonly medications: MedicationRepository,
    private readonly policy: AccessPolicy,
  ) {}

  /**
   * The pet's prescriptions running today, for those who may read its record: what the shop checks
   * prescription-only products against (by `code`).
   */
  async activePrescriptions(ctx: EhrContext, petId: string): Promise<MedicationEntity[]> {
    const access = await this.policy.read(ctx, petId, "id");
    return this.medications.activePrescriptionsOf(access.petId, new Date().toISOString().slice(0, 10));
  }

  record(ctx: EhrContext, input: RecordMedicationInput): Promise<MedicationEntity> {
    if (input.endsOn && input.endsOn < input.startsOn)
      throw new BadUserInputError("input.endsOn", "must not be before startsOn");
    if (input.endsOn && input.endsOn > addYears(input.startsOn, MAX_COURSE_YEARS)) {
      throw new BadUserInputError(
        "input.endsOn",
        `must be within ${MAX_COURSE_YEARS} years of startsOn; omit it for an ongoing medication`,
      );
    }
    // A prescription may start later, not years later.
    if (input.startsOn > addYears(new Date().toISOString().slice(0, 10), 1))
      throw new BadUserInputError("input.startsOn", "must be within a year from today");
    if (input.kind === MedicationKind.STATEMENT && input.refills)
      throw new BadUserInputError("input.refills", "only prescriptions have refills");
    const prescriber = input.kind === MedicationKind.PRESCRIPTION;
    return this.writer.write(ctx, input, MedicationEntity, (_at, clinicId) => ({
      kind: input.kind,
      drug: input.drug.trim(),
      code: input.code ? input.code.toUpperCase() : null,
      dose: input.dose,
      doseUnit: input.doseUnit.trim(),
      route: input.route,
      frequency: input.frequency.trim(),
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      refillsLeft: input.refills ?? 0,
      prescriberId:
        prescriber && ctx.viewer!.memberships.some((m) => m.clinicId === clinicId && m.role === "VET")
          ? ctx.viewer!.userId
          : null,
    }));
  }
}
