import { IsOptional, IsPositive, Matches, Max, Min } from "class-validator";
import { PlausibleDate } from "@pawgraph/subgraph-kit";
import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, InputType, Int } from "type-graphql";
import { ClinicalRecordInput, EARLIEST_RECORD_DATE, maxText, SHORT_TEXT } from "../record/record.inputs";
import { ATCVET_CODE, MedicationKind, MedicationRoute } from "./medication.type";

@InputType({ description: "Record a medication or write a prescription (vets and staff of a clinic with access)." })
export class RecordMedicationInput extends ClinicalRecordInput {
  @Field(() => MedicationKind, { description: "STATEMENT (the pet takes it) or PRESCRIPTION." })
  kind!: MedicationKind;

  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "Drug name and strength." })
  drug!: string;

  @IsOptional()
  @Matches(ATCVET_CODE, { message: "must be an ATCvet code, e.g. QM01AE91" })
  @Field(() => String, {
    nullable: true,
    description:
      "The drug's ATCvet code (WHO veterinary ATC classification, e.g. `QM01AE91` for carprofen). Pawgraph's shop dispenses prescription-only products against it.",
  })
  code?: string | null;

  @IsPositive({ message: "must be more than 0" })
  @Max(100_000, { message: "must be at most 100000" })
  @Field(() => Float, { description: "Amount per dose, more than 0." })
  dose!: number;

  @Matches(/\S/, { message: "must not be empty" })
  @maxText(20)
  @Field(() => String, { description: 'Unit of the dose, e.g. "mg", "ml", "tablet".' })
  doseUnit!: string;

  @Field(() => MedicationRoute, { description: "How it is given." })
  route!: MedicationRoute;

  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: 'How often, e.g. "twice daily".' })
  frequency!: string;

  @PlausibleDate({ notBefore: EARLIEST_RECORD_DATE })
  @Field(() => LocalDateResolver, { description: "First day; not before 1990." })
  startsOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day; omit when ongoing." })
  endsOn?: string | null;

  @IsOptional()
  @Min(0, { message: "must not be negative" })
  @Max(99, { message: "must be at most 99" })
  @Field(() => Int, { nullable: true, description: "Refills allowed on a prescription (default 0)." })
  refills?: number | null;
}
