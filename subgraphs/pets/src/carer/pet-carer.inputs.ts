import { IsEmail, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

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
