import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The pets subgraph's Pet, extended here with ranked product recommendations. */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "An animal cared for on Pawgraph. Visible to its owners, its current carers and clinics an owner granted access.",
})
export class Pet {
  @Field(() => ID, { description: "Stable unique id of the pet." })
  id!: string;
}
