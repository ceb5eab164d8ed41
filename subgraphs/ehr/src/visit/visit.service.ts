import { In, type DataSource } from "typeorm";
import { BadUserInputError } from "@pawgraph/subgraph-kit";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import { occurredAt } from "../record/record-time";
import { checkDetails, type VaccinationService } from "../vaccination/vaccination.service";
import { DiagnosisEntity, VisitEntity } from "./visit.entity";
import type { RecordVisitInput } from "./visit.inputs";

/** Records visits with their diagnoses and the vaccines given, all or nothing. */
export class VisitService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessPolicy,
    private readonly vaccinations: VaccinationService,
  ) {}

  async record(ctx: EhrContext, input: RecordVisitInput): Promise<VisitEntity> {
    const { access, clinicId } = await this.policy.clinicalWrite(ctx, input.petId, input.clinicId);
    const visitedAt = occurredAt(input.occurredAt);
    (input.diagnoses ?? []).forEach((diagnosis, i) => {
      if (!!diagnosis.code !== !!diagnosis.codeSystem) {
        throw new BadUserInputError(
          `input.diagnoses.${i}.codeSystem`,
          "A code needs its code system, and a code system needs a code",
        );
      }
    });
    (input.vaccinations ?? []).forEach((details, i) => checkDetails(details, visitedAt, `input.vaccinations.${i}`));
    const vetId = ctx.viewer!.memberships.some((m) => m.clinicId === clinicId && m.role === "VET")
      ? ctx.viewer!.userId
      : null;
    return this.db.transaction(async (tx) => {
      const visits = tx.getRepository(VisitEntity);
      const visit = await visits.save(
        visits.create({
          petId: access.petId,
          clinicId,
          occurredAt: visitedAt,
          recordedBy: ctx.viewer!.userId,
          vetId,
          reason: input.reason.trim(),
          subjective: input.subjective ?? null,
          objective: input.objective ?? null,
          assessment: input.assessment ?? null,
          plan: input.plan ?? null,
        }),
      );
      const diagnoses = (input.diagnoses ?? []).map((d, position) => ({
        visitId: visit.id,
        position,
        text: d.text.trim(),
        code: d.code ?? null,
        codeSystem: d.codeSystem ?? null,
      }));
      if (diagnoses.length) await tx.getRepository(DiagnosisEntity).insert(diagnoses);
      for (const details of input.vaccinations ?? []) {
        await this.vaccinations.insert(ctx, tx, { access, clinicId, givenAt: visitedAt, visitId: visit.id }, details);
      }
      await ctx.accessLog.logWrite(tx, access, clinicId);
      return visits.findOneByOrFail({ id: visit.id });
    });
  }

  diagnosesOf(visitIds: readonly string[]): Promise<DiagnosisEntity[]> {
    return this.db
      .getRepository(DiagnosisEntity)
      .find({ where: { visitId: In([...visitIds]) }, order: { position: "ASC" } });
  }
}
