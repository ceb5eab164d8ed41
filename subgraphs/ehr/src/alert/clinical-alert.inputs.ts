import { Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ClinicalRecordInput, maxText, SHORT_TEXT } from "../record/record.inputs";

@InputType({ description: "Add a clinical alert (vets and staff of a clinic with access)." })
export class AddClinicalAlertInput extends ClinicalRecordInput {
  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "The warning." })
  alert!: string;
}

@InputType({ description: "Mark a clinical alert as no longer applying." })
export class ResolveClinicalAlertInput {
  @Field(() => ID, { description: "The alert." })
  alertId!: string;
}
