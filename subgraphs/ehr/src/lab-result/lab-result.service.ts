import { BadUserInputError } from "@pawgraph/subgraph-kit";
import type { EhrContext } from "../context";
import type { ClinicalRecordWriter } from "../record/clinical-record.writer";
import { flagFor } from "./lab-flag";
import { LabResultEntity } from "./lab-result.entity";
import type { RecordLabResultInput } from "./lab-result.inputs";

/** Laboratory results. */
export class LabResultService {
  constructor(private readonly writer: ClinicalRecordWriter) {}

  record(ctx: EhrContext, input: RecordLabResultInput): Promise<LabResultEntity> {
    const { referenceLow: low, referenceHigh: high } = input;
    if (low != null && high != null && low > high)
      throw new BadUserInputError("input.referenceHigh", "must not be below referenceLow");
    const computed = flagFor(input.value, low, high);
    return this.writer.write(ctx, input, LabResultEntity, () => ({
      test: input.test.trim(),
      value: input.value.trim(),
      numericValue: computed.numeric,
      unit: input.unit?.trim() || null,
      referenceLow: low ?? null,
      referenceHigh: high ?? null,
      flag: input.flag ?? computed.flag,
    }));
  }
}
