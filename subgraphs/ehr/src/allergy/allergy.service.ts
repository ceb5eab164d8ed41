import type { EhrContext } from "../context";
import type { ClinicalRecordWriter } from "../record/clinical-record.writer";
import { AllergyEntity } from "./allergy.entity";
import type { RecordAllergyInput } from "./allergy.inputs";

/** Allergies and intolerances. */
export class AllergyService {
  constructor(private readonly writer: ClinicalRecordWriter) {}

  record(ctx: EhrContext, input: RecordAllergyInput): Promise<AllergyEntity> {
    return this.writer.write(ctx, input, AllergyEntity, () => ({
      substance: input.substance.trim(),
      reaction: input.reaction?.trim() || null,
      severity: input.severity,
    }));
  }
}
