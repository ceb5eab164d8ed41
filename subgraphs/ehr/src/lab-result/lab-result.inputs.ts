import { IsOptional, Matches } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import { ClinicalRecordInput, maxText, SHORT_TEXT } from "../record/record.inputs";
import { LabResultFlag } from "./lab-result.type";

@InputType({
  description: "Record a lab result (vets and staff of a clinic with access). `occurredAt` is the sampling time.",
})
export class RecordLabResultInput extends ClinicalRecordInput {
  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "Test name." })
  test!: string;

  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "Result as reported: a number or text." })
  value!: string;

  @IsOptional()
  @maxText(40)
  @Field(() => String, { nullable: true, description: "Unit." })
  unit?: string | null;

  @Field(() => Float, { nullable: true, description: "Lower reference limit." })
  referenceLow?: number | null;

  @Field(() => Float, { nullable: true, description: "Upper reference limit." })
  referenceHigh?: number | null;

  @Field(() => LabResultFlag, {
    nullable: true,
    description: "Interpretation; computed from the range for numeric values when omitted.",
  })
  flag?: LabResultFlag | null;
}
