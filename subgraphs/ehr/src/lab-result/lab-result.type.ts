import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";

/** Interpretation of a lab value against its reference range. */
export enum LabResultFlag {
  NORMAL = "NORMAL",
  LOW = "LOW",
  HIGH = "HIGH",
  CRITICAL_LOW = "CRITICAL_LOW",
  CRITICAL_HIGH = "CRITICAL_HIGH",
  ABNORMAL = "ABNORMAL",
}

registerEnumType(LabResultFlag, {
  name: "LabResultFlag",
  description: "How a lab result compares with its reference range.",
  valuesConfig: {
    NORMAL: { description: "Within the reference range." },
    LOW: { description: "Below the reference range." },
    HIGH: { description: "Above the reference range." },
    CRITICAL_LOW: { description: "Critically low." },
    CRITICAL_HIGH: { description: "Critically high." },
    ABNORMAL: { description: "Abnormal (for results without a numeric range)." },
  },
});

@ObjectType({ description: "The range a lab value is expected in." })
export class ReferenceRange {
  @Field(() => Float, { nullable: true, description: "Lower limit." })
  low!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper limit." })
  high!: number | null;
}

@ObjectType({
  implements: HealthRecord,
  description: "A laboratory result. `occurredAt` is when the sample was taken.",
})
export class LabResult extends HealthRecord {
  @Field(() => String, { description: 'Test name, e.g. "Creatinine".' })
  test!: string;

  @Field(() => String, { description: 'The result as reported (a number or text such as "negative").' })
  value!: string;

  @Field(() => Float, { nullable: true, description: "The result as a number, when it is one." })
  numericValue!: number | null;

  @Field(() => String, { nullable: true, description: 'Unit, e.g. "µmol/L".' })
  unit!: string | null;

  @Field(() => ReferenceRange, { nullable: true, description: "Reference range, when known." })
  referenceRange!: ReferenceRange | null;

  @Field(() => LabResultFlag, { description: "How the value compares with the reference range." })
  flag!: LabResultFlag;
}
