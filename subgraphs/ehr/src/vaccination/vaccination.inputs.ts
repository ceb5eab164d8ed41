import { IsOptional, Matches, MaxLength } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { ClinicalRecordInput, maxText, SHORT_TEXT } from "../record/record.inputs";

const NOT_BLANK = /\S/;
const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** A vaccine given, without the pet (used inside `recordVisit` too). */
@InputType({ description: "A vaccine given." })
export class VaccinationDetailsInput {
  @Matches(NOT_BLANK, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "Vaccine product or name." })
  vaccine!: string;

  @IsOptional()
  @Matches(CODE, { message: "must be an upper-case code such as RABIES or FVRCP" })
  @Field(() => String, {
    nullable: true,
    description: "What it protects against, as a recall-rule code (RABIES, DHPP, FVRCP, ...); sets the next due date.",
  })
  vaccineCode?: string | null;

  @IsOptional()
  @maxText(SHORT_TEXT)
  @Field(() => String, { nullable: true, description: "Manufacturer." })
  manufacturer?: string | null;

  @IsOptional()
  @MaxLength(60, { message: "must be at most 60 characters" })
  @Field(() => String, { nullable: true, description: "Lot (batch) number." })
  lotNumber?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Until when the vaccine protects, per its licence." })
  validUntil?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "When the next dose is due; omit to follow the recall rule.",
  })
  nextDueOn?: string | null;
}

@InputType({ description: "Record a vaccination (vets and staff of a clinic with access)." })
export class RecordVaccinationInput extends ClinicalRecordInput {
  @Field(() => VaccinationDetailsInput, { description: "The vaccine given." })
  vaccination!: VaccinationDetailsInput;
}
