import type { DataSource } from "typeorm";
import { NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import type { ClinicalRecordWriter } from "../record/clinical-record.writer";
import { ClinicalAlertEntity } from "./clinical-alert.entity";
import type { AddClinicalAlertInput } from "./clinical-alert.inputs";

/** Clinical alerts: added and resolved by clinics with access. */
export class ClinicalAlertService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessPolicy,
    private readonly writer: ClinicalRecordWriter,
  ) {}

  add(ctx: EhrContext, input: AddClinicalAlertInput): Promise<ClinicalAlertEntity> {
    return this.writer.write(ctx, input, ClinicalAlertEntity, () => ({ alert: input.alert.trim(), active: true }));
  }

  async resolve(ctx: EhrContext, alertId: string): Promise<ClinicalAlertEntity> {
    const repository = this.db.getRepository(ClinicalAlertEntity);
    const alert = await repository.findOneBy({ id: parseId(alertId, "input.alertId") });
    if (!alert) throw new NotFoundError("Clinical alert", "input.alertId");
    const { access, clinicId } = await this.policy.clinicalWrite(ctx, alert.petId, null, "input.alertId", true);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ClinicalAlertEntity).update(alert.id, { active: false });
      await ctx.accessLog.logWrite(tx, access, clinicId);
    });
    return repository.findOneByOrFail({ id: alert.id });
  }
}
