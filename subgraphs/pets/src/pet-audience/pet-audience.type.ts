import { Field, ID, ObjectType } from "type-graphql";
import { InternalType } from "@pawgraph/subgraph-kit";

/** Whom to tell about a pet, for subgraphs acting for no viewer. */
@InternalType()
@ObjectType({ description: "Who hears about a pet (internal: for other subgraphs, not served by the gateway)." })
export class PetAudience {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => String, { description: "The pet's name." })
  name!: string;

  @Field(() => [ID], { description: "Its owners' user ids." })
  ownerIds!: string[];
}
