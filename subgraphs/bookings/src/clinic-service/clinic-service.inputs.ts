import { ArrayMaxSize, IsIn, IsOptional, Matches, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { ServiceKind } from "./clinic-service.type";

/** Species codes accepted by services; the same values as the pets subgraph's `Species`. */
export const SPECIES = [
  "DOG",
  "CAT",
  "RABBIT",
  "GUINEA_PIG",
  "HAMSTER",
  "FERRET",
  "BIRD",
  "REPTILE",
  "FISH",
  "HORSE",
  "OTHER",
] as const;

@InputType({ description: "A new service of a clinic (clinic admins)." })
export class AddClinicServiceInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Matches(/^\S.{0,99}$/s, { message: "must be 1 to 100 characters" })
  @Field(() => String, { description: "Name, up to 100 characters." })
  name!: string;

  @Min(5, { message: "must be at least 5" })
  @Max(480, { message: "must be at most 480" })
  @Field(() => Int, { description: "Length in minutes (5 to 480)." })
  durationMinutes!: number;

  @Min(0, { message: "must not be negative" })
  @Max(10_000_000, { message: "is too large" })
  @Field(() => Int, { description: "Price in cents." })
  priceCents!: number;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: "must be an ISO 4217 code such as EUR" })
  @Field(() => String, { nullable: true, description: "Currency (default EUR)." })
  currency?: string | null;

  @IsOptional()
  @ArrayMaxSize(SPECIES.length)
  @IsIn(SPECIES, { each: true, message: "must list Species values such as DOG" })
  @Field(() => [String], { nullable: true, description: "Species it is for; omit for all." })
  species?: string[] | null;

  @Field(() => ServiceKind, { description: "In person or tele-vet." })
  kind!: ServiceKind;

  @IsOptional()
  @Min(0, { message: "must not be negative" })
  @Max(120, { message: "must be at most 120" })
  @Field(() => Int, { nullable: true, description: "Buffer before, in minutes (default 0)." })
  bufferBeforeMinutes?: number | null;

  @IsOptional()
  @Min(0, { message: "must not be negative" })
  @Max(120, { message: "must be at most 120" })
  @Field(() => Int, { nullable: true, description: "Buffer after, in minutes (default 0)." })
  bufferAfterMinutes?: number | null;
}
