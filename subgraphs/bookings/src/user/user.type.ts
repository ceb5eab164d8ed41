import { Directive, Field, ID, ObjectType } from "type-graphql";

/** identity's User; bookings adds upcoming bookings and calendar feeds. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A person with a Pawgraph account: a pet owner, a vet, clinic staff or an administrator." })
export class User {
  @Field(() => ID, { description: "Stable unique id of the user." })
  id!: string;
}
