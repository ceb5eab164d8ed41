import { IsOptional, Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { ClinicalRecordInput, maxText, SHORT_TEXT } from "../record/record.inputs";
import { AllergySeverity } from "./allergy.type";

@InputType({ description: "Record an allergy (vets and staff of a clinic with access)." })
export class RecordAllergyInput extends ClinicalRecordInput {
  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "What the pet reacts to." })
  substance!: string;

  @IsOptional()
  @maxText(1000)
  @Field(() => String, { nullable: true, description: "How it reacts." })
  reaction?: string | null;

  @Field(() => AllergySeverity, { description: "How severe the reaction is." })
  severity!: AllergySeverity;
}
