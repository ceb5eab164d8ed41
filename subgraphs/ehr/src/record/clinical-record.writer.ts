import type { DataSource, DeepPartial, EntityTarget, ObjectLiteral } from "typeorm";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import type { ClinicalRecordInput } from "./record.inputs";
import { occurredAt } from "./record-time";

/**
 * The one way a clinical entry is written: the clinic-write check, the time check, the insert and
 * the access-log line in one transaction.
 */
export class ClinicalRecordWriter {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async write<E extends ObjectLiteral & { id: string }>(
    ctx: EhrContext,
    input: ClinicalRecordInput,
    entity: EntityTarget<E>,
    values: (at: Date, clinicId: string) => DeepPartial<E>,
  ): Promise<E> {
    const { access, clinicId } = await this.policy.clinicalWrite(ctx, input.petId, input.clinicId);
    const at = occurredAt(input.occurredAt);
    const fields = values(at, clinicId);
    return this.db.transaction(async (tx) => {
      const repository = tx.getRepository(entity);
      const row = await repository.save(
        repository.create({
          ...fields,
          petId: access.petId,
          clinicId,
          occurredAt: at,
          recordedBy: ctx.viewer!.userId,
        } as DeepPartial<E>),
      );
      await ctx.accessLog.logWrite(tx, access, clinicId);
      return repository.findOneByOrFail({ id: (row as E).id } as never);
    });
  }
}
