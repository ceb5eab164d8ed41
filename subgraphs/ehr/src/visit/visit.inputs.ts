import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { ClinicalRecordInput, maxText, NOTE_TEXT, SHORT_TEXT } from "../record/record.inputs";
import { VaccinationDetailsInput } from "../vaccination/vaccination.inputs";
import { DiagnosisCodeSystem } from "./visit.type";

@InputType({ description: "A diagnosis: free text, optionally coded." })
export class DiagnosisInput {
  @Matches(/\S/, { message: "must not be empty" })
  @maxText(SHORT_TEXT)
  @Field(() => String, { description: "The diagnosis as the vet writes it." })
  text!: string;

  @IsOptional()
  @MaxLength(40, { message: "must be at most 40 characters" })
  @Matches(/^[A-Za-z0-9.\-]+$/, { message: "must be a code (letters, digits, dots, dashes)" })
  @Field(() => String, { nullable: true, description: "Concept code in `codeSystem`." })
  code?: string | null;

  @Field(() => DiagnosisCodeSystem, { nullable: true, description: "Terminology of `code` (required with a code)." })
  codeSystem?: DiagnosisCodeSystem | null;
}

@InputType({ description: "Record a visit (vets and staff of a clinic with access)." })
export class RecordVisitInput extends ClinicalRecordInput {
  @Matches(/\S/, { message: "must not be empty" })
  @maxText(500)
  @Field(() => String, { description: "Why the pet came in, up to 500 characters." })
  reason!: string;

  @IsOptional()
  @maxText(NOTE_TEXT)
  @Field(() => String, { nullable: true, description: "Subjective (history), up to 10,000 characters." })
  subjective?: string | null;

  @IsOptional()
  @maxText(NOTE_TEXT)
  @Field(() => String, { nullable: true, description: "Objective (findings), up to 10,000 characters." })
  objective?: string | null;

  @IsOptional()
  @maxText(NOTE_TEXT)
  @Field(() => String, { nullable: true, description: "Assessment, up to 10,000 characters." })
  assessment?: string | null;

  @IsOptional()
  @maxText(NOTE_TEXT)
  @Field(() => String, { nullable: true, description: "Plan, up to 10,000 characters." })
  plan?: string | null;

  @IsOptional()
  @ArrayMaxSize(20, { message: "must list at most 20 diagnoses" })
  @ValidateNested({ each: true })
  @Field(() => [DiagnosisInput], { nullable: true, description: "Diagnoses made." })
  diagnoses?: DiagnosisInput[] | null;

  @IsOptional()
  @ArrayMaxSize(10, { message: "must list at most 10 vaccinations" })
  @ValidateNested({ each: true })
  @Field(() => [VaccinationDetailsInput], { nullable: true, description: "Vaccines given at this visit." })
  vaccinations?: VaccinationDetailsInput[] | null;
}
