import { Client } from "pg";
import {
  AcceptPetInvitationDocument,
  AddCarerDocument,
  AddHomeNoteDocument,
  CancelPetInvitationDocument,
  DeclinePetInvitationDocument,
  InviteCoOwnerDocument,
  MyPetInvitationsDocument,
  PetHealthTimelineDocument,
  PetOwnersAndInvitationsDocument,
  RefreshSessionDocument,
  TransferPetOwnershipDocument,
  UpdatePetDocument,
  VerifyEmailDocument,
} from "../clients/__generated__/graphql";
import {
  createPet,
  execute,
  onlyError,
  ownerPetAndVet,
  registerUser,
  registerVerifiedUser,
  startStack,
  verificationTokenFromOutbox,
  type Stack,
} from "./harness";

let stack: Stack;
let db: Client;
beforeAll(async () => {
  stack = await startStack();
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await stack.stop();
});

const url = () => stack.gateway.url;
type Person = { token: string; email: string; user: { id: string } };

const invite = (owner: Person, petId: string, email: string) =>
  execute(url(), InviteCoOwnerDocument, { input: { petId, email } }, owner.token);
const accept = (who: Person, invitationId: string) =>
  execute(url(), AcceptPetInvitationDocument, { input: { invitationId } }, who.token);
const decline = (who: Person, invitationId: string) =>
  execute(url(), DeclinePetInvitationDocument, { input: { invitationId } }, who.token);
const cancel = (who: Person, invitationId: string) =>
  execute(url(), CancelPetInvitationDocument, { input: { invitationId } }, who.token);
const readPet = (who: Person, id: string) => execute(url(), PetOwnersAndInvitationsDocument, { id }, who.token);
const myInvitations = async (who: Person) =>
  (await execute(url(), MyPetInvitationsDocument, {}, who.token)).data?.myPetInvitations;
const rename = (who: Person, id: string, name: string) =>
  execute(url(), UpdatePetDocument, { input: { id, name } }, who.token);

/** The invitation an owner just sent, or a thrown error. */
async function invited(owner: Person, petId: string, email: string): Promise<string> {
  const result = await invite(owner, petId, email);
  if (!result.data) throw new Error(`inviteCoOwner failed: ${JSON.stringify(result.errors)}`);
  return result.data.inviteCoOwner.id;
}

/** The code and field of a response's only error. */
const refusal = (response: Parameters<typeof onlyError>[0]) => {
  const { code, field } = onlyError(response).extensions ?? {};
  return { code, field };
};

/** The types of the events pets' outbox holds for an invitation. */
async function outboxEvents(invitationId: string): Promise<string[]> {
  const { rows } = await db.query<{ type: string }>(
    `SELECT type FROM pets.outbox WHERE payload->>'invitationId' = $1 ORDER BY seq`,
    [invitationId],
  );
  return rows.map((row) => row.type);
}

describe("co-owners", () => {
  it("an owner invites by email, the invitee accepts, and both read and change the pet", async () => {
    const anna = await registerUser(stack, "anna");
    const ben = await registerVerifiedUser(stack, "ben");
    const pet = await createPet(stack, anna.token, { name: "Luna", species: "CAT" });

    const sent = await invite(anna, pet.id, ben.email.toUpperCase());
    expect(sent.errors).toBeUndefined();
    const invitation = sent.data!.inviteCoOwner;
    expect(invitation).toMatchObject({
      kind: "CO_OWNER",
      status: "PENDING",
      email: ben.email,
      petName: "Luna",
      pet: { id: pet.id, myRelationship: "OWNER" },
      invitedBy: { id: anna.user.id },
      answeredAt: null,
    });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(14 * 86_400_000);
    expect((await readPet(anna, pet.id)).data?.pet?.pendingInvitations).toEqual([
      { id: invitation.id, kind: "CO_OWNER", email: ben.email },
    ]);
    // Ben sees the invitation (the pet's name, not yet the pet), and nothing of the pet itself.
    expect(await myInvitations(ben)).toEqual([
      expect.objectContaining({ id: invitation.id, petName: "Luna", pet: null }),
    ]);
    expect(refusal(await readPet(ben, pet.id))).toEqual({ code: "NOT_FOUND", field: "id" });

    const accepted = await accept(ben, invitation.id);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptPetInvitation).toMatchObject({
      status: "ACCEPTED",
      pet: { id: pet.id, myRelationship: "OWNER" },
    });
    expect(await myInvitations(ben)).toEqual([]);

    expect((await rename(ben, pet.id, "Luna Ben")).data?.updatePet).toMatchObject({ name: "Luna Ben" });
    expect((await rename(anna, pet.id, "Luna Anna")).data?.updatePet).toMatchObject({ name: "Luna Anna" });
    for (const owner of [anna, ben]) {
      const read = (await readPet(owner, pet.id)).data?.pet;
      expect(read).toMatchObject({ name: "Luna Anna", myRelationship: "OWNER", pendingInvitations: [] });
      expect(read?.owners.map((o) => o?.id).sort()).toEqual([anna.user.id, ben.user.id].sort());
    }

    // Answered once; Ben is an owner now, so a new invitation to him is refused.
    expect(refusal(await accept(ben, invitation.id))).toEqual({
      code: "INVITATION_ALREADY_ANSWERED",
      field: "input.invitationId",
    });
    expect(refusal(await invite(anna, pet.id, ben.email))).toEqual({ code: "ALREADY_AN_OWNER", field: "input.email" });
    expect(refusal(await invite(anna, pet.id, anna.email))).toEqual({ code: "ALREADY_AN_OWNER", field: "input.email" });
    expect(await outboxEvents(invitation.id)).toEqual(["pet_invitation.created", "pet_invitation.accepted"]);
  });

  it("the invitee may decline; the pet stays closed to them", async () => {
    const anna = await registerUser(stack, "anna");
    const carol = await registerVerifiedUser(stack, "carol");
    const pet = await createPet(stack, anna.token);
    const invitationId = await invited(anna, pet.id, carol.email);

    expect((await decline(carol, invitationId)).data?.declinePetInvitation).toMatchObject({
      status: "DECLINED",
      pet: null,
    });
    expect(refusal(await readPet(carol, pet.id)).code).toBe("NOT_FOUND");
    expect((await readPet(anna, pet.id)).data?.pet?.pendingInvitations).toEqual([]);
    expect(refusal(await accept(carol, invitationId))).toEqual({
      code: "INVITATION_ALREADY_ANSWERED",
      field: "input.invitationId",
    });
    expect(await outboxEvents(invitationId)).toEqual(["pet_invitation.created"]);
  });

  it("refuses an invitee whose address is not verified, until it is", async () => {
    const anna = await registerUser(stack, "anna");
    const dora = await registerUser(stack, "dora");
    const pet = await createPet(stack, anna.token);
    const invitationId = await invited(anna, pet.id, dora.email);

    // Anyone can register an address: an unverified one lists nothing and may not answer.
    expect(await myInvitations(dora)).toEqual([]);
    expect(refusal(await accept(dora, invitationId))).toEqual({
      code: "EMAIL_NOT_VERIFIED",
      field: "input.invitationId",
    });
    expect(refusal(await decline(dora, invitationId)).code).toBe("EMAIL_NOT_VERIFIED");

    await execute(url(), VerifyEmailDocument, {
      input: { token: await verificationTokenFromOutbox(stack, dora.email) },
    });
    const refreshed = await execute(url(), RefreshSessionDocument, { input: { refreshToken: dora.refreshToken } });
    const verified = { ...dora, token: refreshed.data!.refreshSession.accessToken };
    expect((await accept(verified, invitationId)).data?.acceptPetInvitation.status).toBe("ACCEPTED");
  });

  it("nobody else answers or cancels an invitation", async () => {
    const anna = await registerUser(stack, "anna");
    const ben = await registerVerifiedUser(stack, "ben");
    const eve = await registerVerifiedUser(stack, "eve");
    const carer = await registerVerifiedUser(stack, "carer");
    const pet = await createPet(stack, anna.token);
    await execute(url(), AddCarerDocument, { input: { petId: pet.id, email: carer.email } }, anna.token);
    const invitationId = await invited(anna, pet.id, ben.email);

    // A stranger learns nothing; the owner, who knows the invitation, is told it is not theirs.
    expect(refusal(await accept(eve, invitationId))).toEqual({ code: "NOT_FOUND", field: "input.invitationId" });
    expect(refusal(await decline(eve, invitationId))).toEqual({ code: "NOT_FOUND", field: "input.invitationId" });
    expect(refusal(await cancel(eve, invitationId))).toEqual({ code: "NOT_FOUND", field: "input.invitationId" });
    expect(refusal(await accept(anna, invitationId))).toEqual({
      code: "INVITATION_NOT_FOR_YOU",
      field: "input.invitationId",
    });
    // A carer sees the pet but may not invite, nor see its invitations; the invitee declines rather than cancels.
    expect(refusal(await invite(carer, pet.id, eve.email))).toEqual({ code: "FORBIDDEN", field: "input.petId" });
    expect((await readPet(carer, pet.id)).data?.pet?.pendingInvitations).toEqual([]);
    expect(refusal(await invite(eve, pet.id, eve.email))).toEqual({ code: "NOT_FOUND", field: "input.petId" });
    expect(refusal(await cancel(ben, invitationId))).toEqual({ code: "FORBIDDEN", field: "input.invitationId" });

    expect((await cancel(anna, invitationId)).data?.cancelPetInvitation.status).toBe("CANCELLED");
    expect(refusal(await accept(ben, invitationId)).code).toBe("INVITATION_ALREADY_ANSWERED");

    // Invitations lapse after 14 days (moved into the past here rather than waited for).
    const lapsing = await invited(anna, pet.id, ben.email);
    await db.query(`UPDATE pets.pet_invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [lapsing]);
    expect(refusal(await accept(ben, lapsing))).toEqual({ code: "INVITATION_EXPIRED", field: "input.invitationId" });
    expect(await myInvitations(ben)).toEqual([]);
  });
});

describe("transferring a pet", () => {
  it("makes the new owner the only one; the old owner and their carers lose access, the record stays", async () => {
    const { owner: anna, petId, vet } = await ownerPetAndVet(stack, { name: "Bello" });
    const carer = await registerVerifiedUser(stack, "sitter");
    const newOwner = await registerVerifiedUser(stack, "rehomed");
    const other = await registerVerifiedUser(stack, "other");
    await execute(url(), AddCarerDocument, { input: { petId, email: carer.email } }, anna.token);
    const note = await execute(url(), AddHomeNoteDocument, { input: { petId, text: "Loves the lake" } }, anna.token);
    expect(note.errors).toBeUndefined();
    const pendingCoOwner = await invited(anna, petId, other.email);

    const transfer = await execute(
      url(),
      TransferPetOwnershipDocument,
      { input: { petId, toEmail: newOwner.email } },
      anna.token,
    );
    expect(transfer.data?.transferPetOwnership).toMatchObject({ kind: "TRANSFER", status: "PENDING" });
    const invitationId = transfer.data!.transferPetOwnership.id;
    // Until it is accepted nothing changes.
    expect((await readPet(carer, petId)).data?.pet?.myRelationship).toBe("CARER");

    const accepted = await accept(newOwner, invitationId);
    expect(accepted.data?.acceptPetInvitation).toMatchObject({
      status: "ACCEPTED",
      pet: { id: petId, myRelationship: "OWNER" },
    });

    // The previous owner and the carer they chose lose access at once; the other pending invitation ends.
    expect(refusal(await readPet(anna, petId)).code).toBe("NOT_FOUND");
    expect(refusal(await readPet(carer, petId)).code).toBe("NOT_FOUND");
    expect(refusal(await rename(anna, petId, "Mine")).code).toBe("NOT_FOUND");
    expect(refusal(await execute(url(), PetHealthTimelineDocument, { id: petId }, anna.token)).code).toBe("NOT_FOUND");
    expect(await myInvitations(other)).toEqual([]);
    expect(refusal(await accept(other, pendingCoOwner)).code).toBe("INVITATION_ALREADY_ANSWERED");

    // The new owner has the pet, its health record history and its clinic grant; the old shares are gone.
    const read = (await readPet(newOwner, petId)).data?.pet;
    expect(read).toMatchObject({
      name: "Bello",
      myRelationship: "OWNER",
      owners: [{ id: newOwner.user.id }],
      carers: [],
      pendingInvitations: [],
    });
    expect(read?.recordAccessGrants).toHaveLength(1);
    const timeline = await execute(url(), PetHealthTimelineDocument, { id: petId }, newOwner.token);
    expect(timeline.data?.pet?.healthTimeline?.edges.map((edge) => edge.node.id)).toEqual([note.data!.addHomeNote.id]);
    // The clinic's grant stays with the pet: its vet still reads the record.
    const atClinic = await execute(url(), PetHealthTimelineDocument, { id: petId }, vet.token);
    expect(atClinic.data?.pet?.healthTimeline?.edges).toHaveLength(1);
    expect(await outboxEvents(invitationId)).toEqual(["pet_invitation.created", "pet_invitation.accepted"]);
    const { rows } = await db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM pets.outbox WHERE type = 'pet_invitation.accepted' AND payload->>'invitationId' = $1`,
      [invitationId],
    );
    expect(rows[0]?.payload).toMatchObject({
      kind: "TRANSFER",
      acceptedBy: newOwner.user.id,
      previousOwnerIds: [anna.user.id],
      ownerIds: [newOwner.user.id],
    });
  });

  it("two transfers accepted at once leave one owner; the other answer is refused", async () => {
    const anna = await registerUser(stack, "anna");
    const [x, y] = [await registerVerifiedUser(stack, "x"), await registerVerifiedUser(stack, "y")];
    const pet = await createPet(stack, anna.token);
    const transfer = async (to: Person) =>
      (await execute(url(), TransferPetOwnershipDocument, { input: { petId: pet.id, toEmail: to.email } }, anna.token))
        .data!.transferPetOwnership.id;
    const [toX, toY] = [await transfer(x), await transfer(y)];

    const answers = await Promise.all([accept(x, toX), accept(y, toY)]);
    const outcomes = answers.map((a) => a.data?.acceptPetInvitation.status ?? a.errors?.[0]?.extensions?.code);
    expect(outcomes.sort()).toEqual(["ACCEPTED", "INVITATION_ALREADY_ANSWERED"]);
    const winner = answers[0]!.data ? x : y;
    expect((await readPet(winner, pet.id)).data?.pet?.owners).toEqual([{ id: winner.user.id }]);
    expect(refusal(await readPet(anna, pet.id)).code).toBe("NOT_FOUND");
  });

  it("refuses a malformed address, naming the field", async () => {
    const anna = await registerUser(stack, "anna");
    const pet = await createPet(stack, anna.token);
    const bad = await execute(
      url(),
      TransferPetOwnershipDocument,
      { input: { petId: pet.id, toEmail: "not an address" } },
      anna.token,
    );
    expect(refusal(bad)).toEqual({ code: "BAD_USER_INPUT", field: "input.toEmail" });
    expect(refusal(await accept(anna, "not-a-uuid")).code).toBe("BAD_USER_INPUT");
  });
});
