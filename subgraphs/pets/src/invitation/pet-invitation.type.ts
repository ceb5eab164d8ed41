import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Pet } from "../pet/pet.type";
import { User } from "../user/user.type";

/** What accepting an invitation makes of the invitee. */
export enum PetInvitationKind {
  CO_OWNER = "CO_OWNER",
  TRANSFER = "TRANSFER",
}

registerEnumType(PetInvitationKind, {
  name: "PetInvitationKind",
  description: "What accepting the invitation does.",
  valuesConfig: {
    CO_OWNER: { description: "The invitee becomes one more owner of the pet (`inviteCoOwner`)." },
    TRANSFER: {
      description:
        "Rehoming (`transferPetOwnership`): the invitee becomes the pet's only owner; every previous owner and the carers they shared it with lose access.",
    },
  },
});

/** Where an invitation stands. */
export enum PetInvitationStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  CANCELLED = "CANCELLED",
  EXPIRED = "EXPIRED",
}

registerEnumType(PetInvitationStatus, {
  name: "PetInvitationStatus",
  description: "Where an invitation stands.",
  valuesConfig: {
    PENDING: { description: "Waiting for the invitee's answer." },
    ACCEPTED: { description: "The invitee accepted it." },
    DECLINED: { description: "The invitee declined it." },
    CANCELLED: {
      description:
        "An owner cancelled it, a newer invitation to the same address replaced it, or the pet changed hands.",
    },
    EXPIRED: { description: "Nobody answered it in time (14 days)." },
  },
});

/** The statuses stored; EXPIRED is read from `expires_at`. */
export type PetInvitationState = Exclude<PetInvitationStatus, PetInvitationStatus.EXPIRED>;

@ObjectType({
  description:
    "An owner's invitation, sent to an email address, to co-own a pet or to take it over. Only the pet's owners and the person it is addressed to (once their address is verified) see it.",
})
export class PetInvitation {
  @Field(() => ID, { description: "Id of this invitation." })
  id!: string;

  @Field(() => PetInvitationKind, { description: "What accepting it does." })
  kind!: PetInvitationKind;

  @Field(() => PetInvitationStatus, { description: "Where it stands now." })
  status!: PetInvitationStatus;

  @Field(() => String, { description: "The address invited, in lower case." })
  email!: string;

  @Field(() => String, { description: "The pet's name now, so the invitee knows which pet it is before accepting." })
  petName!: string;

  @Field(() => Pet, {
    nullable: true,
    description: "The pet; null while you may not read it (the invitee before accepting).",
  })
  pet!: Pet | null;

  @Field(() => User, { nullable: true, description: "The owner who sent it; null when identity cannot be reached." })
  invitedBy!: User;

  @Field(() => Date, { description: "When it lapses unless answered." })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it was accepted, declined or cancelled." })
  answeredAt!: Date | null;

  @Field(() => Date, { description: "When it was sent." })
  createdAt!: Date;
}
