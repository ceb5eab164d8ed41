import type { DataSource, EntityManager } from "typeorm";
import {
  NotFoundError,
  parseId,
  requireViewer,
  writeEvent,
  type DomainError,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import { PETS_SCHEMA, PET_INVITATION_ACCEPTED, PET_INVITATION_CREATED } from "../events";
import type { PetService } from "../pet/pet.service";
import { PetRelationship } from "../pet/pet.type";
import {
  AlreadyAnOwnerError,
  INVITATION_LIFETIME_DAYS,
  NotAnOwnerError,
  answerRefusal,
  cancelRefusal,
} from "./pet-invitation.policy";
import type { InvitationRow, PetInvitationRepository } from "./pet-invitation.repository";
import { PetInvitationKind, PetInvitationStatus } from "./pet-invitation.type";

function refuse(refusal: DomainError | null): void {
  if (refusal) throw refusal;
}

/**
 * Co-owner invitations and ownership transfers (docs/decisions/0043): owners invite an address, the
 * person who proves they own it answers, and accepting changes `pet_owners` in the same transaction
 * as the outbox event. Who may do what is `pet-invitation.policy.ts`.
 */
export class PetInvitationService {
  constructor(
    private readonly db: DataSource,
    private readonly invitations: PetInvitationRepository,
    private readonly pets: PetService,
  ) {}

  /** A pending invitation from an owner of the pet; it replaces a pending one to the same address. */
  async invite(
    ctx: PetsContext,
    input: { petId: string; email: string; kind: PetInvitationKind },
    emailField: string,
  ): Promise<InvitationRow> {
    const viewer = requireViewer(ctx.viewer);
    const { pet, relationship } = await this.pets.readable(ctx, input.petId, "input.petId");
    if (relationship !== PetRelationship.OWNER) throw new NotAnOwnerError("input.petId");
    const email = input.email.trim().toLowerCase();
    if (email === viewer.email.toLowerCase()) throw new AlreadyAnOwnerError(emailField);
    return this.db.transaction(async (tx) => {
      await this.invitations.lockPet(tx, pet.id);
      // A transfer accepted since the check above may have ended the viewer's ownership.
      if (!(await this.invitations.ownerIds(tx, pet.id)).includes(viewer.userId))
        throw new NotFoundError("Pet", "input.petId");
      if (await this.invitations.ownerHasEmail(tx, pet.id, email)) throw new AlreadyAnOwnerError(emailField);
      await this.invitations.cancelPending(tx, pet.id, { email });
      const invitation = await this.invitations.insert(
        tx,
        { petId: pet.id, email, kind: input.kind, invitedBy: viewer.userId },
        INVITATION_LIFETIME_DAYS,
      );
      await writeEvent(
        tx,
        PETS_SCHEMA,
        PET_INVITATION_CREATED.create(pet.id, {
          invitationId: invitation.id,
          petId: pet.id,
          petName: invitation.petName,
          kind: invitation.kind,
          email,
          invitedBy: viewer.userId,
          expiresAt: invitation.expiresAt.toISOString(),
        }),
      );
      return invitation;
    });
  }

  /** The invitee accepts: one more owner, or (TRANSFER) the only owner. */
  accept(ctx: PetsContext, invitationId: string): Promise<InvitationRow> {
    return this.onInvitation(ctx, invitationId, async (tx, invitation, viewer, ownerIds) => {
      refuse(answerRefusal(invitation, viewer, ownerIds, "accept"));
      if (invitation.kind === PetInvitationKind.TRANSFER)
        await this.invitations.makeSoleOwner(tx, invitation.petId, viewer.userId, invitation.id);
      else await this.invitations.addOwner(tx, invitation.petId, viewer.userId);
      const accepted = await this.invitations.answer(tx, invitation.id, PetInvitationStatus.ACCEPTED, viewer.userId);
      await writeEvent(
        tx,
        PETS_SCHEMA,
        PET_INVITATION_ACCEPTED.create(invitation.petId, {
          invitationId: invitation.id,
          petId: invitation.petId,
          petName: invitation.petName,
          kind: invitation.kind,
          acceptedBy: viewer.userId,
          previousOwnerIds: ownerIds,
          ownerIds: await this.invitations.ownerIds(tx, invitation.petId),
        }),
      );
      return accepted;
    });
  }

  decline(ctx: PetsContext, invitationId: string): Promise<InvitationRow> {
    return this.onInvitation(ctx, invitationId, async (tx, invitation, viewer, ownerIds) => {
      refuse(answerRefusal(invitation, viewer, ownerIds, "decline"));
      return this.invitations.answer(tx, invitation.id, PetInvitationStatus.DECLINED, viewer.userId);
    });
  }

  cancel(ctx: PetsContext, invitationId: string): Promise<InvitationRow> {
    return this.onInvitation(ctx, invitationId, async (tx, invitation, viewer, ownerIds) => {
      refuse(cancelRefusal(invitation, viewer, ownerIds));
      return this.invitations.answer(tx, invitation.id, PetInvitationStatus.CANCELLED, viewer.userId);
    });
  }

  /** The signed-in person's pending invitations; none until their address is verified. */
  async mine(ctx: PetsContext): Promise<InvitationRow[]> {
    const viewer = requireViewer(ctx.viewer);
    if (!viewer.emailVerified) return [];
    return this.invitations.pendingFor(viewer.email.toLowerCase());
  }

  /** A pet's pending invitations for its owners; nobody else learns of them. */
  async pendingOf(ctx: PetsContext, petId: string): Promise<InvitationRow[]> {
    const { relationship } = await this.pets.readable(ctx, petId);
    if (relationship !== PetRelationship.OWNER) return [];
    return ctx.loaders.pendingInvitationsOf.load(petId);
  }

  /**
   * Runs `change` on the invitation inside a transaction holding the pet's lock (taken before the
   * invitation's, the order `invite` takes them in), with the pet's owners as they are under that lock.
   */
  private async onInvitation(
    ctx: PetsContext,
    invitationId: string,
    change: (
      tx: EntityManager,
      invitation: InvitationRow,
      viewer: Viewer,
      ownerIds: string[],
    ) => Promise<InvitationRow>,
  ): Promise<InvitationRow> {
    const viewer = requireViewer(ctx.viewer);
    const id = parseId(invitationId, "input.invitationId");
    return this.db.transaction(async (tx) => {
      const found = await this.invitations.byId(id, tx);
      if (found) await this.invitations.lockPet(tx, found.petId);
      const invitation = found && (await this.invitations.byId(id, tx, true));
      if (!invitation) throw new NotFoundError("Invitation", "input.invitationId");
      return change(tx, invitation, viewer, await this.invitations.ownerIds(tx, invitation.petId));
    });
  }
}
