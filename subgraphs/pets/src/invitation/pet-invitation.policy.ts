import { DomainError, NotFoundError } from "@pawgraph/subgraph-kit";
import { PetInvitationKind, PetInvitationStatus, type PetInvitationState } from "./pet-invitation.type";

/**
 * Who may answer or cancel a pet invitation, and the coded errors that say why not
 * (docs/decisions/0043). Pure: the service reads the invitation and the pet's owners, this decides.
 */

/** How long an invitation waits for its answer. */
export const INVITATION_LIFETIME_DAYS = 14;

const FIELD = "input.invitationId";

/** A carer (who can see the pet) inviting, transferring or cancelling: only owners may. */
export class NotAnOwnerError extends DomainError {
  constructor(field: string, message = "Only the pet's owners can do this") {
    super("FORBIDDEN", message, field);
  }
}

/** An owner of the pet answering an invitation addressed to someone else. */
export class InvitationNotForYouError extends DomainError {
  constructor() {
    super("INVITATION_NOT_FOR_YOU", "This invitation is addressed to someone else", FIELD);
  }
}

/** The invitee's address is not verified yet: anyone can register an address, so it must be proven first. */
export class EmailNotVerifiedError extends DomainError {
  constructor() {
    super("EMAIL_NOT_VERIFIED", "Verify your email address before answering this invitation", FIELD);
  }
}

/** Inviting an owner, or accepting a co-owner invitation to a pet you already own. */
export class AlreadyAnOwnerError extends DomainError {
  constructor(field: string) {
    super("ALREADY_AN_OWNER", "This person already owns the pet", field);
  }
}

export class InvitationExpiredError extends DomainError {
  constructor(expiresAt: Date) {
    super("INVITATION_EXPIRED", "This invitation has expired; ask the owner for a new one", FIELD, {
      expiresAt: expiresAt.toISOString(),
    });
  }
}

export class InvitationAlreadyAnsweredError extends DomainError {
  constructor(status: PetInvitationState) {
    super("INVITATION_ALREADY_ANSWERED", `This invitation is already ${status.toLowerCase()}`, FIELD, { status });
  }
}

/** What the policy needs of an invitation. */
export interface InvitationFacts {
  email: string;
  kind: PetInvitationKind;
  status: PetInvitationState;
  expiresAt: Date;
}

/** What the policy needs of the viewer (the token's claims). */
export interface Invitee {
  userId: string;
  email: string;
  emailVerified: boolean;
}

/**
 * Why `viewer` may not accept (or decline) `invitation`, or null when they may. Only the pet's
 * owners may know an invitation exists: anyone else whose address it does not name gets NOT_FOUND.
 */
export function answerRefusal(
  invitation: InvitationFacts | null,
  viewer: Invitee,
  ownerIds: readonly string[],
  answer: "accept" | "decline",
  now = new Date(),
): DomainError | null {
  const owner = ownerIds.includes(viewer.userId);
  if (!invitation) return new NotFoundError("Invitation", FIELD);
  if (invitation.email !== viewer.email.toLowerCase())
    return owner ? new InvitationNotForYouError() : new NotFoundError("Invitation", FIELD);
  if (!viewer.emailVerified) return new EmailNotVerifiedError();
  if (invitation.status !== PetInvitationStatus.PENDING) return new InvitationAlreadyAnsweredError(invitation.status);
  if (invitation.expiresAt.getTime() <= now.getTime()) return new InvitationExpiredError(invitation.expiresAt);
  // A co-owner invitation adds nothing for an owner; a transfer to a co-owner makes them the only one.
  if (answer === "accept" && owner && invitation.kind === PetInvitationKind.CO_OWNER)
    return new AlreadyAnOwnerError(FIELD);
  return null;
}

/** Why `viewer` may not cancel `invitation`, or null when they may: owners only, while it is pending. */
export function cancelRefusal(
  invitation: InvitationFacts | null,
  viewer: Invitee,
  ownerIds: readonly string[],
  now = new Date(),
): DomainError | null {
  if (!invitation) return new NotFoundError("Invitation", FIELD);
  if (!ownerIds.includes(viewer.userId)) {
    const invitee = viewer.emailVerified && invitation.email === viewer.email.toLowerCase();
    return invitee
      ? new NotAnOwnerError(FIELD, "Only the pet's owners cancel an invitation; decline it instead")
      : new NotFoundError("Invitation", FIELD);
  }
  if (invitation.status !== PetInvitationStatus.PENDING) return new InvitationAlreadyAnsweredError(invitation.status);
  if (invitation.expiresAt.getTime() <= now.getTime()) return new InvitationExpiredError(invitation.expiresAt);
  return null;
}
