import { Field, ID, ObjectType } from "type-graphql";

/** A person an owner shared a pet with. */
@ObjectType({
  description: "Someone an owner shared a pet with. Carers read the pet until the share ends; they cannot change it.",
})
export class PetCarer {
  @Field(() => ID, { description: "Id of this share." })
  id!: string;

  @Field(() => String, { description: "Email address the pet was shared with." })
  email!: string;

  @Field(() => Date, { nullable: true, description: "When the share ends; null means until an owner removes it." })
  until!: Date | null;

  @Field(() => Boolean, { description: "Whether the share is in force now." })
  active!: boolean;

  @Field(() => Date, { description: "When the pet was shared." })
  createdAt!: Date;
}
