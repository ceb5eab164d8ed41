import { LocalDateResolver } from "graphql-scalars";
import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { PetRelationship, PetSex, Species } from "./pet.enums";

/** A pet, resolvable from every subgraph by id. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "An animal cared for on Pawgraph. Visible to its owners, its current carers and clinics an owner granted access." })
export class Pet {
  @Field(() => ID, { description: "Stable unique id of the pet." })
  id!: string;

  @Field(() => String, { description: "The pet's name." })
  name!: string;

  @Field(() => Species, { description: "The kind of animal." })
  species!: Species;

  @Field(() => String, { nullable: true, description: "Breed or mix, free text (e.g. \"Border Collie\")." })
  breed!: string | null;

  @Field(() => PetSex, { description: "Biological sex." })
  sex!: PetSex;

  @Field(() => Boolean, { nullable: true, description: "Whether the pet is neutered or spayed; null when not known." })
  neutered!: boolean | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Date of birth (YYYY-MM-DD); estimated dates are fine." })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: "Coat, skin or feather colour." })
  colour!: string | null;

  @Field(() => String, { nullable: true, description: "Microchip number, without spaces, in upper case: 15 digits (ISO 11784/11785), or 9 to 10 characters on older chips." })
  microchipId!: string | null;

  @Field(() => String, { nullable: true, description: "URL of a photo of the pet." })
  photoUrl!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Date the pet died, if it has." })
  deceasedOn!: string | null;

  @Field(() => Date, { nullable: true, description: "When an owner archived the pet; archived pets are hidden from `myPets` by default." })
  archivedAt!: Date | null;

  @Field(() => Date, { description: "When the pet was added to Pawgraph." })
  createdAt!: Date;

  @Field(() => Date, { description: "When the pet's details last changed." })
  updatedAt!: Date;

  /** Not exposed: insertion order used for cursors. */
  seq!: string;
}

export const PetConnection = connectionType(Pet, "Pet", "pet");

@InputType({ description: "Narrows `myPets`." })
export class PetFilter {
  @Field(() => [Species], { nullable: true, description: "Only these species." })
  species?: Species[] | null;

  @Field(() => String, { nullable: true, description: "Only pets whose name contains this text (case-insensitive)." })
  nameContains?: string | null;

  @Field(() => PetRelationship, {
    nullable: true,
    description: "Only pets you own (OWNER), care for (CARER), or that a clinic you work at was granted (CLINIC). Omitted: OWNER and CARER.",
  })
  relationship?: PetRelationship | null;

  @Field(() => Boolean, { nullable: true, description: "Include archived pets (default false)." })
  includeArchived?: boolean | null;
}

@ObjectType({ description: "A pet's weight at one moment." })
export class WeightRecord {
  @Field(() => ID, { description: "Id of this weighing." })
  id!: string;

  @Field(() => Number, { description: "Weight in kilograms." })
  weightKg!: number;

  @Field(() => Date, { description: "When the pet was weighed." })
  measuredAt!: Date;

  /** Not exposed: tie-breaker for cursors. */
  seq!: string;
}

export const WeightRecordConnection = connectionType(WeightRecord, "WeightRecord", "weight record");
