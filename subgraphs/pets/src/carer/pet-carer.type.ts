import { IsEmail, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";

/** A person an owner shared a pet with. */
@ObjectType({ description: "Someone an owner shared a pet with. Carers read the pet until the share ends; they cannot change it." })
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

@InputType({ description: "Share a pet with someone, by email." })
export class AddCarerInput {
  @Field(() => ID, { description: "The pet to share." })
  petId!: string;

  @IsEmail({}, { message: "must be a valid email address" })
  @MaxLength(254)
  @Field(() => String, { description: "Email of the carer; they see the pet once they sign in with this email." })
  email!: string;

  @Field(() => Date, { nullable: true, description: "When the share ends (must be in the future); omit for no end." })
  until?: Date | null;
}

@InputType({ description: "Stop sharing a pet with a carer." })
export class RemoveCarerInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => ID, { description: "The share to end (`PetCarer.id`)." })
  carerId!: string;
}
