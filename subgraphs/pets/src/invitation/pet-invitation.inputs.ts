import { IsEmail, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Invite someone, by email, to co-own a pet." })
export class InviteCoOwnerInput {
  @Field(() => ID, { description: "The pet (yours)." })
  petId!: string;

  @IsEmail({}, { message: "must be a valid email address" })
  @MaxLength(254)
  @Field(() => String, {
    description: "Email of the person to invite; they accept once signed in with this address, verified.",
  })
  email!: string;
}

@InputType({ description: "Hand a pet over to someone else, by email (rehoming)." })
export class TransferPetOwnershipInput {
  @Field(() => ID, { description: "The pet (yours)." })
  petId!: string;

  @IsEmail({}, { message: "must be a valid email address" })
  @MaxLength(254)
  @Field(() => String, {
    description: "Email of the new owner; they accept once signed in with this address, verified.",
  })
  toEmail!: string;
}

/** The one field of the mutations on an invitation. */
@InputType({ description: "An invitation." })
abstract class InvitationIdInput {
  @Field(() => ID, { description: "The invitation (`PetInvitation.id`)." })
  invitationId!: string;
}

@InputType({ description: "Accept an invitation addressed to you." })
export class AcceptPetInvitationInput extends InvitationIdInput {}

@InputType({ description: "Decline an invitation addressed to you." })
export class DeclinePetInvitationInput extends InvitationIdInput {}

@InputType({ description: "Withdraw an invitation to one of your pets." })
export class CancelPetInvitationInput extends InvitationIdInput {}
