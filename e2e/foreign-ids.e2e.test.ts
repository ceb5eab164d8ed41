// Issue 11, item 8: an id of another subgraph's entity is checked with its owner when it is written.
// Clinics live in bookings; pets (record-access grants), identity (roles) and messaging (conversations)
// ask bookings' internal `knownClinics` before they store a clinic id (docs/decisions/0027).
import { randomUUID } from "node:crypto";
import {
  GrantRecordAccessDocument,
  GrantRoleDocument,
  MyConversationsDocument,
  PetRecordAccessDocument,
  ReviewClinicDocument,
  StartConversationDocument,
} from "../clients/__generated__/graphql";
import { ownerWithPet } from "./bookings-fixtures";
import { adminToken, execute, onlyError, registerClinic, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** A clinic a platform admin approved and then rejected (taken off the platform). */
async function rejectedClinic() {
  const clinic = await registerClinic(stack);
  const rejected = await execute(
    stack.gateway.url,
    ReviewClinicDocument,
    { input: { clinicId: clinic.clinicId, approve: false } },
    await adminToken(stack),
  );
  expect(rejected.data?.reviewClinic.status).toBe("REJECTED");
  return clinic;
}

describe("a record-access grant names a clinic bookings knows and has approved", () => {
  it("a clinic id nobody registered answers NOT_FOUND and nothing is stored; a real clinic then reads back by name", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    const unknown = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId: randomUUID() } },
      owner.token,
    );
    expect(unknown.data ?? null).toBeNull();
    expect(onlyError(unknown).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
    expect(
      (await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, owner.token)).data?.pet!
        .recordAccessGrants,
    ).toEqual([]);

    const { clinicId } = await registerClinic(stack, { name: "Praxis am Park" });
    const granted = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId } },
      owner.token,
    );
    expect(granted.errors).toBeUndefined();
    const read = await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, owner.token);
    expect(read.errors).toBeUndefined();
    expect(read.data?.pet!.recordAccessGrants).toEqual([
      expect.objectContaining({ clinic: { id: clinicId, name: "Praxis am Park" }, active: true }),
    ]);
  });

  it("a clinic waiting for approval, or rejected, is not granted: NOT_FOUND, as owners cannot see it either", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    for (const { clinicId } of [await registerClinic(stack, { approve: false }), await rejectedClinic()]) {
      const refused = await execute(
        stack.gateway.url,
        GrantRecordAccessDocument,
        { input: { petId, clinicId } },
        owner.token,
      );
      expect(onlyError(refused).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
    }
    expect(
      (await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, owner.token)).data?.pet!
        .recordAccessGrants,
    ).toEqual([]);
  });
});

describe("a clinic role is given at a clinic bookings knows", () => {
  it("an unknown clinic answers NOT_FOUND, a rejected one BAD_USER_INPUT; a pending one takes staff (set up before approval)", async () => {
    const admin = await adminToken(stack);
    const user = await registerUser(stack, "vet");
    const unknown = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: user.user.id, role: "VET", clinicId: randomUUID() } },
      admin,
    );
    expect(onlyError(unknown).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
    const rejected = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: user.user.id, role: "VET", clinicId: (await rejectedClinic()).clinicId } },
      admin,
    );
    expect(onlyError(rejected).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.clinicId" });

    const { clinicId } = await registerClinic(stack, { approve: false });
    const granted = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: user.user.id, role: "VET", clinicId } },
      admin,
    );
    expect(granted.errors).toBeUndefined();
    // Nothing of the refused attempts was stored: the one membership is the pending clinic's.
    expect(granted.data?.grantRole).toEqual({
      id: user.user.id,
      roles: ["OWNER", "VET"],
      clinicMemberships: [{ clinicId, role: "VET" }],
    });
  });
});

describe("a conversation is opened with a clinic bookings knows and has approved", () => {
  it("an unknown, pending or rejected clinic answers NOT_FOUND and no conversation is stored", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    const clinics = [
      randomUUID(),
      (await registerClinic(stack, { approve: false })).clinicId,
      (await rejectedClinic()).clinicId,
    ];
    for (const clinicId of clinics) {
      const refused = await execute(
        stack.gateway.url,
        StartConversationDocument,
        { input: { clinicId, petId, subject: "Limping", text: "Rex limps." } },
        owner.token,
      );
      expect(onlyError(refused).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
    }
    expect(
      (await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token)).data?.myConversations!.edges,
    ).toEqual([]);
    const { clinicId } = await registerClinic(stack);
    const started = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId, petId, subject: "Limping", text: "Rex limps." } },
      owner.token,
    );
    expect(started.data?.startConversation).toMatchObject({ clinic: { id: clinicId }, pet: { id: petId } });
  });
});

describe("while bookings is unreachable", () => {
  it("each write fails with SERVICE_UNAVAILABLE: never accepted unchecked, never NOT_FOUND", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    const { clinicId } = await registerClinic(stack);
    const admin = await adminToken(stack);
    const user = await registerUser(stack, "vet");
    await stack.bookings.stop();
    // Stopped for good: the stack's own stop at the end must not stop it again.
    stack.bookings = { ...stack.bookings, stop: async () => ({ clean: true }) };

    const grant = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId } },
      owner.token,
    );
    expect(onlyError(grant).extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    const role = await execute(
      stack.gateway.url,
      GrantRoleDocument,
      { input: { userId: user.user.id, role: "VET", clinicId } },
      admin,
    );
    expect(onlyError(role).extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    const conversation = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId, petId, subject: "Limping", text: "Rex limps." } },
      owner.token,
    );
    expect(onlyError(conversation).extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE" });

    expect(
      (await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, owner.token)).data?.pet!
        .recordAccessGrants,
    ).toEqual([]);
    expect(
      (await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token)).data?.myConversations!.edges,
    ).toEqual([]);
  });
});
