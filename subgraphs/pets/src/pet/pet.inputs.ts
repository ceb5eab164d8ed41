import { IsOptional, IsUrl, Matches, Max, MaxLength, Min } from "class-validator";
import { PlausibleDate } from "@pawgraph/subgraph-kit";
import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, ID, InputType } from "type-graphql";
import { PetRelationship, PetSex, Species } from "./pet.type";

const NOT_BLANK = /\S/;
/** No pet alive or on record was born before this; earlier dates are typos (0000-01-01). */
const EARLIEST_BIRTH_DATE = "1900-01-01";

/** Optional descriptive fields shared by `createPet` and `updatePet`. */
@InputType({ description: "Descriptive fields of a pet." })
abstract class PetDetailsInput {
  @IsOptional()
  @MaxLength(80, { message: "must be at most 80 characters" })
  @Field(() => String, { nullable: true, description: "Breed or mix, up to 80 characters." })
  breed?: string | null;

  @Field(() => PetSex, { nullable: true, description: "Biological sex (UNKNOWN when not given)." })
  sex?: PetSex | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the pet is neutered or spayed." })
  neutered?: boolean | null;

  @PlausibleDate({ notBefore: EARLIEST_BIRTH_DATE })
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date of birth (YYYY-MM-DD); not before 1900, not in the future.",
  })
  dateOfBirth?: string | null;

  @IsOptional()
  @MaxLength(40, { message: "must be at most 40 characters" })
  @Field(() => String, { nullable: true, description: "Colour, up to 40 characters." })
  colour?: string | null;

  // Checked once normalized (pet/microchip.ts): "276 098 106 123 456" is the same chip as 276098106123456.
  @IsOptional()
  @MaxLength(40, { message: "must be at most 40 characters" })
  @Field(() => String, {
    nullable: true,
    description:
      "Microchip number: 15 digits (ISO 11784/11785), or 9 to 10 letters and digits on older chips. Spaces and hyphens are ignored and letters upper-cased. Unique among living pets (not deceased, not archived).",
  })
  microchipId?: string | null;

  @IsOptional()
  @MaxLength(2048, { message: "must be at most 2048 characters" })
  @IsUrl({ protocols: ["https", "http"], require_protocol: true }, { message: "must be an http(s) URL" })
  @Field(() => String, { nullable: true, description: "http(s) URL of a photo." })
  photoUrl?: string | null;
}

@InputType({ description: "A new pet; you become its owner." })
export class CreatePetInput extends PetDetailsInput {
  @Matches(NOT_BLANK, { message: "must not be empty" })
  @MaxLength(80, { message: "must be at most 80 characters" })
  @Field(() => String, { description: "The pet's name, 1 to 80 characters." })
  name!: string;

  @Field(() => Species, { description: "The kind of animal." })
  species!: Species;

  @IsOptional()
  @Min(0.001, { message: "must be more than 0" })
  @Max(2000, { message: "must be at most 2000 kg" })
  @Field(() => Float, { nullable: true, description: "Current weight in kilograms; starts the weight history." })
  weightKg?: number | null;
}

@InputType({ description: "Changes to a pet; omitted fields stay as they are, null clears an optional field." })
export class UpdatePetInput extends PetDetailsInput {
  @Field(() => ID, { description: "The pet to change." })
  id!: string;

  @IsOptional()
  @Matches(NOT_BLANK, { message: "must not be empty" })
  @MaxLength(80, { message: "must be at most 80 characters" })
  @Field(() => String, { nullable: true, description: "New name, 1 to 80 characters." })
  name?: string | null;

  @Field(() => Species, { nullable: true, description: "New species." })
  species?: Species | null;

  @PlausibleDate({ notBefore: EARLIEST_BIRTH_DATE })
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date the pet died; not before its birth or in the future.",
  })
  deceasedOn?: string | null;
}

@InputType({ description: "The pet to archive." })
export class ArchivePetInput {
  @Field(() => ID, { description: "The pet to archive. Archiving hides it from `myPets`; its history is kept." })
  id!: string;
}

@InputType({ description: "Narrows `myPets`." })
export class PetFilter {
  @Field(() => [Species], { nullable: true, description: "Only these species." })
  species?: Species[] | null;

  @Field(() => String, { nullable: true, description: "Only pets whose name contains this text (case-insensitive)." })
  nameContains?: string | null;

  @Field(() => PetRelationship, {
    nullable: true,
    description:
      "Only pets you own (OWNER), care for (CARER), or that a clinic you work at was granted (CLINIC). Omitted: OWNER and CARER.",
  })
  relationship?: PetRelationship | null;

  @Field(() => Boolean, { nullable: true, description: "Include archived pets (default false)." })
  includeArchived?: boolean | null;
}
