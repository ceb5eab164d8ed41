import { answerRefusal, cancelRefusal, type InvitationFacts, type Invitee } from "./pet-invitation.policy";
import { PetInvitationKind, PetInvitationStatus } from "./pet-invitation.type";

const now = new Date("2026-12-02T12:00:00Z");
const buildInvitation = (overrides: Partial<InvitationFacts> = {}): InvitationFacts => ({
  email: "ben@example.test",
  kind: PetInvitationKind.CO_OWNER,
  status: PetInvitationStatus.PENDING,
  expiresAt: new Date("2026-12-16T12:00:00Z"),
  ...overrides,
});
const ben: Invitee = { userId: "ben", email: "Ben@Example.test", emailVerified: true };
const anna: Invitee = { userId: "anna", email: "anna@example.test", emailVerified: true };
const owners = ["anna"];

/** The refusal's code and field, or null. */
const answer = (invitation: InvitationFacts | null, viewer: Invitee, what: "accept" | "decline" = "accept") => {
  const refusal = answerRefusal(invitation, viewer, owners, what, now);
  return refusal && { code: refusal.code, field: refusal.field, ...refusal.details };
};
const field = "input.invitationId";

describe("answering a pet invitation", () => {
  it("lets the invitee with a verified address matching in any case accept or decline", () => {
    expect(answer(buildInvitation(), ben)).toBeNull();
    expect(answer(buildInvitation(), ben, "decline")).toBeNull();
  });

  it("answers NOT_FOUND to anyone else, and INVITATION_NOT_FOR_YOU to the pet's owners, who know it exists", () => {
    const carol = { userId: "carol", email: "carol@example.test", emailVerified: true };
    expect(answer(buildInvitation(), carol)).toEqual({ code: "NOT_FOUND", field });
    expect(answer(null, ben)).toEqual({ code: "NOT_FOUND", field });
    expect(answer(buildInvitation(), anna)).toEqual({ code: "INVITATION_NOT_FOR_YOU", field });
  });

  it("refuses an unverified address", () => {
    expect(answer(buildInvitation(), { ...ben, emailVerified: false })).toEqual({ code: "EMAIL_NOT_VERIFIED", field });
  });

  it("refuses an answered or expired invitation", () => {
    expect(answer(buildInvitation({ status: PetInvitationStatus.DECLINED }), ben)).toEqual({
      code: "INVITATION_ALREADY_ANSWERED",
      field,
      status: "DECLINED",
    });
    expect(answer(buildInvitation({ expiresAt: now }), ben, "decline")).toEqual({
      code: "INVITATION_EXPIRED",
      field,
      expiresAt: now.toISOString(),
    });
  });

  it("refuses a co-owner invitation to an owner, but lets a co-owner take a transfer", () => {
    const coOwner = { ...ben, userId: "anna" };
    expect(answer(buildInvitation(), coOwner)).toEqual({ code: "ALREADY_AN_OWNER", field });
    expect(answer(buildInvitation({ kind: PetInvitationKind.TRANSFER }), coOwner)).toBeNull();
  });
});

describe("cancelling a pet invitation", () => {
  const cancel = (invitation: InvitationFacts | null, viewer: Invitee) => {
    const refusal = cancelRefusal(invitation, viewer, owners, now);
    return refusal && { code: refusal.code, field: refusal.field };
  };

  it("is for owners while it is pending", () => {
    expect(cancel(buildInvitation(), anna)).toBeNull();
    expect(cancel(buildInvitation({ status: PetInvitationStatus.ACCEPTED }), anna)).toEqual({
      code: "INVITATION_ALREADY_ANSWERED",
      field,
    });
  });

  it("is FORBIDDEN to the invitee, who may decline, and NOT_FOUND to everyone else", () => {
    expect(cancel(buildInvitation(), ben)).toEqual({ code: "FORBIDDEN", field });
    expect(cancel(buildInvitation(), { ...ben, emailVerified: false })).toEqual({ code: "NOT_FOUND", field });
  });
});
