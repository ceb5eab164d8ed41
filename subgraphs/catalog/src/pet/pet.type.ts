import { LocalDateResolver } from "graphql-scalars";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Species } from "../shared/species";

/** The pets subgraph's Pet, extended here with product recommendations; its species and birth date come from pets (`@requires`). */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "An animal cared for on Pawgraph. Visible to its owners, its current carers and clinics an owner granted access.",
})
export class Pet {
  @Field(() => ID, { description: "Stable unique id of the pet." })
  id!: string;

  @Directive("@external")
  @Field(() => Species, { description: "The kind of animal." })
  species!: Species;

  @Directive("@external")
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date of birth (YYYY-MM-DD); estimated dates are fine.",
  })
  dateOfBirth!: string | null;
}
