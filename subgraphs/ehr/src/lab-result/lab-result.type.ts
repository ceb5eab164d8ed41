import { Field, Float, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { HealthRecordKind, LabResultFlag } from "../record/record.enums";
import type { LabResultEntity } from "./lab-result.entity";

@ObjectType({ description: "The range a lab value is expected in." })
export class ReferenceRange {
  @Field(() => Float, { nullable: true, description: "Lower limit." })
  low!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper limit." })
  high!: number | null;
}

@ObjectType({ implements: HealthRecord, description: "A laboratory result. `occurredAt` is when the sample was taken." })
export class LabResult extends HealthRecord {
  @Field(() => String, { description: "Test name, e.g. \"Creatinine\"." })
  test!: string;

  @Field(() => String, { description: "The result as reported (a number or text such as \"negative\")." })
  value!: string;

  @Field(() => Float, { nullable: true, description: "The result as a number, when it is one." })
  numericValue!: number | null;

  @Field(() => String, { nullable: true, description: "Unit, e.g. \"µmol/L\"." })
  unit!: string | null;

  @Field(() => ReferenceRange, { nullable: true, description: "Reference range, when known." })
  referenceRange!: ReferenceRange | null;

  @Field(() => LabResultFlag, { description: "How the value compares with the reference range." })
  flag!: LabResultFlag;
}

export function toLabResult(row: LabResultEntity): LabResult {
  return {
    ...recordFields(HealthRecordKind.LAB_RESULT, row),
    test: row.test,
    value: row.value,
    numericValue: row.numericValue,
    unit: row.unit,
    referenceRange: row.referenceLow === null && row.referenceHigh === null ? null : { low: row.referenceLow, high: row.referenceHigh },
    flag: row.flag as LabResultFlag,
  };
}
