import { Directive, Field, ID, ObjectType } from "type-graphql";

/** identity's User; messaging only refers to it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A person with a Pawgraph account: a pet owner, a vet, clinic staff or an administrator." })
export class User {
  @Field(() => ID, { description: "Stable unique id of the user." })
  id!: string;
}
