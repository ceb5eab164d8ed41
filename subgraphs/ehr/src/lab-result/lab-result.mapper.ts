import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { LabResultEntity } from "./lab-result.entity";
import type { LabResult, LabResultFlag } from "./lab-result.type";

export function toLabResult(row: LabResultEntity): LabResult {
  return {
    ...recordFields(HealthRecordKind.LAB_RESULT, row),
    test: row.test,
    value: row.value,
    numericValue: row.numericValue,
    unit: row.unit,
    referenceRange:
      row.referenceLow === null && row.referenceHigh === null
        ? null
        : { low: row.referenceLow, high: row.referenceHigh },
    flag: row.flag as LabResultFlag,
  };
}
