import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { PetsContext } from "../context";
import type { PetEntity } from "../pet/pet.entity";
import { Pet } from "../pet/pet.type";
import {
  AcceptPetInvitationInput,
  CancelPetInvitationInput,
  DeclinePetInvitationInput,
  InviteCoOwnerInput,
  TransferPetOwnershipInput,
} from "./pet-invitation.inputs";
import { toPetInvitation, type PetInvitationView } from "./pet-invitation.mapper";
import type { PetInvitationService } from "./pet-invitation.service";
import { PetInvitation, PetInvitationKind } from "./pet-invitation.type";

const ERRORS =
  "Refusals carry `extensions.code` and `extensions.field`: NOT_FOUND, EMAIL_NOT_VERIFIED, INVITATION_NOT_FOR_YOU, INVITATION_EXPIRED, INVITATION_ALREADY_ANSWERED";

/** Co-owner invitations and ownership transfers: owners invite and cancel, the invitee answers. */
@Resolver(() => PetInvitation)
export class PetInvitationResolver {
  constructor(private readonly invitations: PetInvitationService) {}

  @Authorized()
  @Query(() => [PetInvitation], {
    nullable: true,
    description:
      "Pending invitations addressed to you (your verified email), newest first, at most 100; empty until your address is verified.",
  })
  async myPetInvitations(@Ctx() ctx: PetsContext): Promise<PetInvitationView[]> {
    const now = Date.now();
    return (await this.invitations.mine(ctx)).map((row) => toPetInvitation(row, now));
  }

  @Authorized()
  @Mutation(() => PetInvitation, {
    description:
      "Invite someone, by email, to co-own your pet (owners only; carers get FORBIDDEN). It lapses after 14 days; inviting the same address again replaces a pending invitation. Inviting an owner answers ALREADY_AN_OWNER.",
  })
  async inviteCoOwner(
    @Arg("input", () => InviteCoOwnerInput, { description: "The pet and the address." }) input: InviteCoOwnerInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetInvitationView> {
    const kind = PetInvitationKind.CO_OWNER;
    return toPetInvitation(await this.invitations.invite(ctx, { ...input, kind }, "input.email"));
  }

  @Authorized()
  @Mutation(() => PetInvitation, {
    description:
      "Rehome your pet (owners only): invites `toEmail` to become its only owner. When they accept, every current owner and the carers they shared the pet with lose access; clinic grants, weights and the health record stay with the pet. It lapses after 14 days.",
  })
  async transferPetOwnership(
    @Arg("input", () => TransferPetOwnershipInput, { description: "The pet and the new owner's address." })
    input: TransferPetOwnershipInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetInvitationView> {
    const kind = PetInvitationKind.TRANSFER;
    return toPetInvitation(
      await this.invitations.invite(ctx, { petId: input.petId, email: input.toEmail, kind }, "input.toEmail"),
    );
  }

  @Authorized()
  @Mutation(() => PetInvitation, {
    description: `Accept an invitation addressed to your verified email: you become an owner of the pet (its only owner for a TRANSFER). ${ERRORS}, ALREADY_AN_OWNER.`,
  })
  async acceptPetInvitation(
    @Arg("input", () => AcceptPetInvitationInput, { description: "The invitation." }) input: AcceptPetInvitationInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetInvitationView> {
    return toPetInvitation(await this.invitations.accept(ctx, input.invitationId));
  }

  @Authorized()
  @Mutation(() => PetInvitation, {
    description: `Decline an invitation addressed to your verified email. ${ERRORS}.`,
  })
  async declinePetInvitation(
    @Arg("input", () => DeclinePetInvitationInput, { description: "The invitation." }) input: DeclinePetInvitationInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetInvitationView> {
    return toPetInvitation(await this.invitations.decline(ctx, input.invitationId));
  }

  @Authorized()
  @Mutation(() => PetInvitation, {
    description:
      "Withdraw a pending invitation to your pet (owners only; the invitee gets FORBIDDEN and declines instead). INVITATION_EXPIRED and INVITATION_ALREADY_ANSWERED when it is no longer pending.",
  })
  async cancelPetInvitation(
    @Arg("input", () => CancelPetInvitationInput, { description: "The invitation." }) input: CancelPetInvitationInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetInvitationView> {
    return toPetInvitation(await this.invitations.cancel(ctx, input.invitationId));
  }

  @FieldResolver(() => Pet, { nullable: true })
  async pet(@Root() invitation: PetInvitationView, @Ctx() ctx: PetsContext): Promise<PetEntity | null> {
    return (await ctx.loaders.accessiblePet.load(invitation.petId))?.pet ?? null;
  }
}

/** `Pet.pendingInvitations`: the invitations an owner sent that wait for an answer. */
@Resolver(() => Pet)
export class PetPendingInvitationsResolver {
  constructor(private readonly invitations: PetInvitationService) {}

  @FieldResolver(() => [PetInvitation], {
    description:
      "Invitations to co-own or take over this pet that wait for an answer (not expired), oldest first. Only owners see them; everyone else gets an empty list.",
  })
  async pendingInvitations(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<PetInvitationView[]> {
    const now = Date.now();
    return (await this.invitations.pendingOf(ctx, pet.id)).map((row) => toPetInvitation(row, now));
  }
}
