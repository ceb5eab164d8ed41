import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The bookings subgraph's Clinic, referred to by a vendor that a clinic runs. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A veterinary clinic." })
export class Clinic {
  @Field(() => ID, { description: "Stable unique id of the clinic." })
  id!: string;
}
