import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The pets subgraph's Pet, messaging only refers to it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({
  description:
    "An animal cared for on Pawgraph. Visible to its owners, its current carers and clinics an owner granted access.",
})
export class Pet {
  @Field(() => ID, { description: "Stable unique id of the pet." })
  id!: string;
}
