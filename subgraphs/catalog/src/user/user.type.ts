import { Directive, Field, ID, ObjectType } from "type-graphql";

/** identity's User; catalog only refers to it (review authors). identity resolves its display name. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A person with a Pawgraph account: a pet owner, a vet, clinic staff or an administrator." })
export class User {
  @Field(() => ID, { description: "Stable unique id of the user." })
  id!: string;
}
