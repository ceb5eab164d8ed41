import { m, type SweepCase } from "./authorization-sweep.case";

const invitation = (field: string, type: string): SweepCase =>
  m(field, type, (f) => ({ invitationId: f.a.invitationId }), "NOT_FOUND", "id status");

/**
 * Pet invitations in the authorization sweep (e2e/authorization-sweep.e2e.test.ts): B invites to,
 * or transfers, A's pet, and answers or cancels A's invitation to a third person. Only the pet's
 * owners and the invitee may know an invitation exists, so each answers NOT_FOUND.
 */
export const INVITATION_CASES: Record<string, SweepCase> = {
  "Mutation.inviteCoOwner input.petId": m(
    "inviteCoOwner",
    "InviteCoOwnerInput",
    (f) => ({ petId: f.a.petId, email: "attacker@example.test" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.transferPetOwnership input.petId": m(
    "transferPetOwnership",
    "TransferPetOwnershipInput",
    (f) => ({ petId: f.a.petId, toEmail: "attacker@example.test" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.acceptPetInvitation input.invitationId": invitation("acceptPetInvitation", "AcceptPetInvitationInput"),
  "Mutation.declinePetInvitation input.invitationId": invitation("declinePetInvitation", "DeclinePetInvitationInput"),
  "Mutation.cancelPetInvitation input.invitationId": invitation("cancelPetInvitation", "CancelPetInvitationInput"),
};
