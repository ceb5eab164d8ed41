import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A clinic (owned by the bookings subgraph); messaging only refers to it by id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A veterinary clinic." })
export class Clinic {
  @Field(() => ID, { description: "Stable unique id of the clinic." })
  id!: string;
}
