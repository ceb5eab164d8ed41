import {
  AddCarerDocument,
  AddHomeNoteDocument,
  PetAttachmentsDocument,
  PetHealthRecordFhirDocument,
  PetHealthTimelineDocument,
  RecordAllergyDocument,
  RequestAttachmentUploadDocument,
  type TimelineFilter,
} from "../clients/__generated__/graphql";
import { execute, onlyError, ownerPetAndVet, registerVerifiedUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const SECRET = "Worried we cannot afford the surgery; ask the bank on Monday";

/**
 * A pet whose owner keeps one note to the owners and shares another, with a carer and a granted
 * clinic's vet; the vet has written an allergy. Newest first: private note, shared note, allergy.
 */
async function petWithPrivateNote() {
  const { owner, petId, vet } = await ownerPetAndVet(stack);
  const carer = await registerVerifiedUser(stack, "carer");
  const added = await execute(
    stack.gateway.url,
    AddCarerDocument,
    { input: { petId, email: carer.email } },
    owner.token,
  );
  expect(added.errors).toBeUndefined();
  const allergy = await execute(
    stack.gateway.url,
    RecordAllergyDocument,
    { input: { petId, occurredAt: daysAgo(3).toISOString(), substance: "Chicken", severity: "MILD" } },
    vet.token,
  );
  expect(allergy.errors).toBeUndefined();
  const shared = await execute(
    stack.gateway.url,
    AddHomeNoteDocument,
    { input: { petId, occurredAt: daysAgo(2).toISOString(), text: "Limping after the walk" } },
    owner.token,
  );
  const secret = await execute(
    stack.gateway.url,
    AddHomeNoteDocument,
    { input: { petId, occurredAt: daysAgo(1).toISOString(), text: SECRET, ownerOnly: true } },
    owner.token,
  );
  expect(shared.errors).toBeUndefined();
  expect(secret.errors).toBeUndefined();
  return {
    owner,
    carer,
    vet,
    petId,
    allergyId: allergy.data!.recordAllergy.id,
    sharedId: shared.data!.addHomeNote.id,
    secretId: secret.data!.addHomeNote.id,
    notes: { shared: shared.data!.addHomeNote, secret: secret.data!.addHomeNote },
  };
}

async function timeline(
  petId: string,
  token: string,
  args: { first?: number; after?: string; filter?: TimelineFilter } = {},
) {
  const result = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId, ...args }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.pet!.healthTimeline!;
}
const idsOf = (page: Awaited<ReturnType<typeof timeline>>) => page.edges.map((e) => e.node.id);

describe("owner-only home notes", () => {
  it("owners see both notes; carers and the clinic's vet only the shared one, under every filter and page", async () => {
    const { owner, carer, vet, petId, allergyId, sharedId, secretId, notes } = await petWithPrivateNote();
    expect(notes.shared).toMatchObject({ kind: "HOME_NOTE", ownerOnly: false });
    expect(notes.secret).toMatchObject({ kind: "HOME_NOTE", ownerOnly: true, text: SECRET });

    const mine = await timeline(petId, owner.token);
    expect(mine.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ id: secretId, text: SECRET, ownerOnly: true }),
      expect.objectContaining({ id: sharedId, text: "Limping after the walk", ownerOnly: false }),
      expect.objectContaining({ id: allergyId, kind: "ALLERGY" }),
    ]);

    for (const reader of [carer, vet]) {
      expect(idsOf(await timeline(petId, reader.token))).toEqual([sharedId, allergyId]);
      expect(idsOf(await timeline(petId, reader.token, { filter: { kinds: ["HOME_NOTE"] } }))).toEqual([sharedId]);
      // The window that holds only the private note is empty, not a hint that something is there.
      const window = { from: daysAgo(1.5).toISOString(), to: new Date().toISOString() };
      expect(idsOf(await timeline(petId, reader.token, { filter: window }))).toEqual([]);
      // A full first page: the private note takes no slot, and the next page continues after it.
      const first = await timeline(petId, reader.token, { first: 1 });
      expect(idsOf(first)).toEqual([sharedId]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const next = await timeline(petId, reader.token, { first: 1, after: first.pageInfo.endCursor! });
      expect(idsOf(next)).toEqual([allergyId]);
      expect(next.pageInfo.hasNextPage).toBe(false);
    }
  });

  it("the FHIR export carries no home note, private or not, for anyone", async () => {
    const { owner, carer, vet, petId, secretId } = await petWithPrivateNote();
    for (const reader of [owner, carer, vet]) {
      const result = await execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, reader.token);
      expect(result.errors).toBeUndefined();
      const exported = JSON.stringify(result.data!.petHealthRecordFhir);
      expect(exported).toContain("AllergyIntolerance");
      expect(exported).not.toContain(SECRET);
      expect(exported).not.toContain(secretId);
    }
  });

  it("files on a private note are the owners' alone; others cannot even aim at the note", async () => {
    const { owner, carer, vet, petId, sharedId, secretId } = await petWithPrivateNote();
    const upload = (token: string, recordId: string | null, fileName: string) =>
      execute(
        stack.gateway.url,
        RequestAttachmentUploadDocument,
        { input: { petId, recordId, fileName, contentType: "image/png", sizeBytes: 100 } },
        token,
      );
    const onSecret = await upload(owner.token, secretId, "bank letter.png");
    expect(onSecret.data?.requestAttachmentUpload.attachment).toMatchObject({ recordId: secretId });
    const onShared = await upload(owner.token, sharedId, "paw.png");
    expect(onShared.errors).toBeUndefined();

    const files = async (token: string) => {
      const result = await execute(stack.gateway.url, PetAttachmentsDocument, { id: petId }, token);
      expect(result.errors).toBeUndefined();
      return result.data!.pet!.healthAttachments!.map((a) => a.fileName).sort();
    };
    expect(await files(owner.token)).toEqual(["bank letter.png", "paw.png"]);
    expect(await files(carer.token)).toEqual(["paw.png"]);
    expect(await files(vet.token)).toEqual(["paw.png"]);

    // The vet may attach to anything on the record it can see, and the private note is not on it.
    const vetOnSecret = await upload(vet.token, secretId, "x.png");
    expect(onlyError(vetOnSecret).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.recordId" });
    const carerOnSecret = await upload(carer.token, secretId, "x.png");
    expect(onlyError(carerOnSecret).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.recordId" });
    expect(await files(owner.token)).toHaveLength(2);
  });

  it("carers still cannot add notes, private or not", async () => {
    const { owner, carer, petId } = await petWithPrivateNote();
    for (const ownerOnly of [true, false]) {
      const result = await execute(
        stack.gateway.url,
        AddHomeNoteDocument,
        { input: { petId, text: "From the carer", ownerOnly } },
        carer.token,
      );
      expect(onlyError(result).extensions?.code).toBe("FORBIDDEN");
    }
    expect((await timeline(petId, owner.token)).edges).toHaveLength(3);
  });
});
