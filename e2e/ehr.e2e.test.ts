import { randomUUID } from "node:crypto";
import {
  AddHomeNoteDocument,
  CompleteReminderDocument,
  GrantRecordAccessDocument,
  PetHealthTimelineDocument,
  PetRecordAccessLogDocument,
  PetRemindersDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
  RecordMedicationDocument,
  RecordVaccinationDocument,
  RecordVisitDocument,
  RevokeRecordAccessDocument,
  SnoozeReminderDocument,
  AddCarerDocument,
  RecallRulesDocument,
  SaveRecallRuleDocument,
  type CreatePetInput,
} from "../clients/__generated__/graphql";
import {
  adminToken,
  createPet,
  execute,
  onlyError,
  ownerPetAndVet as ownerPetAndVetOf,
  registerClinic,
  registerClinicMember,
  registerUser,
  registerVerifiedUser,
  startStack,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const dateOnly = (date: Date) => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number) => dateOnly(new Date(date.getTime() + days * 86_400_000));

const ownerPetAndVet = (pet: Partial<CreatePetInput> = {}) => ownerPetAndVetOf(stack, pet);

describe("health records through the gateway", () => {
  it("the full story: grant, visit with vaccination, reminder, timeline, access log", async () => {
    const { owner, petId, clinicId, vet } = await ownerPetAndVet();
    const visitedAt = daysAgo(2);
    const visit = await execute(
      stack.gateway.url,
      RecordVisitDocument,
      {
        input: {
          petId,
          occurredAt: visitedAt.toISOString(),
          reason: "Annual check-up",
          subjective: "Eats well, active.",
          objective: "T 38.6 °C, HR 90",
          assessment: "Healthy",
          plan: "Booster today",
          diagnoses: [{ text: "Healthy adult dog", code: "VN-123", codeSystem: "VENOM" }],
          vaccinations: [{ vaccine: "Nobivac Rabies", vaccineCode: "RABIES", manufacturer: "MSD", lotNumber: "A123" }],
        },
      },
      vet.token,
    );
    expect(visit.errors).toBeUndefined();
    expect(visit.data?.recordVisit).toMatchObject({
      __typename: "Visit",
      kind: "VISIT",
      reason: "Annual check-up",
      clinic: { id: clinicId },
      attendingVet: { id: vet.user.id, displayName: vet.user.displayName },
      diagnoses: [{ text: "Healthy adult dog", code: "VN-123", codeSystem: "VENOM" }],
    });

    // Rabies for dogs recalls after 365 days.
    const reminders = await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token);
    expect(reminders.data?.pet!.upcomingReminders).toEqual([
      expect.objectContaining({
        title: "Rabies",
        code: "RABIES",
        kind: "VACCINATION",
        dueOn: plusDays(visitedAt, 365),
        status: "OPEN",
      }),
    ]);

    const note = await execute(
      stack.gateway.url,
      AddHomeNoteDocument,
      { input: { petId, text: "Sleepy after the jab" } },
      owner.token,
    );
    expect(note.data?.addHomeNote).toMatchObject({
      kind: "HOME_NOTE",
      clinic: null,
      recordedBy: { id: owner.user.id },
    });

    const timeline = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, owner.token);
    expect(timeline.errors).toBeUndefined();
    const kinds = timeline.data!.pet!.healthTimeline!.edges.map((e) => e.node.kind);
    // The note is newest; the visit and its vaccination share the visit's time.
    expect(kinds).toHaveLength(3);
    expect(kinds[0]).toBe("HOME_NOTE");
    expect(new Set(kinds)).toEqual(new Set(["HOME_NOTE", "VISIT", "VACCINATION"]));
    const vaccination = timeline.data!.pet!.healthTimeline!.edges.find(
      (e) => e.node.__typename === "Vaccination",
    )!.node;
    expect(vaccination).toMatchObject({
      vaccine: "Nobivac Rabies",
      nextDueOn: plusDays(visitedAt, 365),
      recordedBy: { displayName: vet.user.displayName },
    });

    const log = await execute(stack.gateway.url, PetRecordAccessLogDocument, { id: petId }, owner.token);
    expect(log.errors).toBeUndefined();
    const entries = log.data!.pet!.recordAccessLog!.edges.map((e) => e.node);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          viewer: { id: vet.user.id, displayName: vet.user.displayName },
          clinic: { id: clinicId },
          action: "WRITE",
        }),
      ]),
    );
    expect(entries.every((e) => e.viewer!.id !== owner.user.id)).toBe(true);
  });

  it("orders the timeline newest first across kinds and pages it", async () => {
    const { owner, petId, vet } = await ownerPetAndVet();
    await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, occurredAt: daysAgo(30).toISOString(), substance: "Chicken", severity: "MODERATE" } },
      vet.token,
    );
    await execute(
      stack.gateway.url,
      RecordLabResultDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(10).toISOString(),
          test: "Creatinine",
          value: "150",
          unit: "µmol/L",
          referenceLow: 44,
          referenceHigh: 133,
        },
      },
      vet.token,
    );
    await execute(
      stack.gateway.url,
      RecordMedicationDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(5).toISOString(),
          kind: "PRESCRIPTION",
          drug: "Meloxicam 1.5 mg/ml",
          dose: 0.5,
          doseUnit: "ml",
          route: "ORAL",
          frequency: "once daily",
          startsOn: dateOnly(daysAgo(5)),
        },
      },
      vet.token,
    );
    await execute(
      stack.gateway.url,
      AddHomeNoteDocument,
      { input: { petId, occurredAt: daysAgo(1).toISOString(), text: "Limping less" } },
      owner.token,
    );

    const page1 = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId, first: 2 }, owner.token);
    expect(page1.data!.pet!.healthTimeline!.edges.map((e) => e.node.kind)).toEqual(["HOME_NOTE", "MEDICATION"]);
    const page2 = await execute(
      stack.gateway.url,
      PetHealthTimelineDocument,
      { id: petId, first: 2, after: page1.data!.pet!.healthTimeline!.pageInfo.endCursor },
      owner.token,
    );
    expect(page2.data!.pet!.healthTimeline!.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ kind: "LAB_RESULT", flag: "HIGH", value: "150" }),
      expect.objectContaining({ kind: "ALLERGY", substance: "Chicken", severity: "MODERATE" }),
    ]);
    expect(page2.data!.pet!.healthTimeline!.pageInfo.hasNextPage).toBe(false);
    // Cursors keep the format clients already hold: base64url JSON of [occurredAt, record id].
    const cursor = page1.data!.pet!.healthTimeline!.pageInfo.endCursor!;
    expect(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    ]);
    for (const after of ["garbage", Buffer.from('["yesterday", "x"]').toString("base64url")]) {
      const forged = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId, after }, owner.token);
      expect(onlyError(forged).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    const onlyLabs = await execute(
      stack.gateway.url,
      PetHealthTimelineDocument,
      { id: petId, filter: { kinds: ["LAB_RESULT", "ALLERGY"], from: daysAgo(20).toISOString() } },
      owner.token,
    );
    expect(onlyLabs.data!.pet!.healthTimeline!.edges.map((e) => e.node.kind)).toEqual(["LAB_RESULT"]);
  });

  it("a carer reads but cannot write; a vet of another clinic and a revoked clinic get NOT_FOUND", async () => {
    const { owner, petId, vet, grantId } = await ownerPetAndVet();
    const carer = await registerVerifiedUser(stack, "carer");
    await execute(stack.gateway.url, AddCarerDocument, { input: { petId, email: carer.email } }, owner.token);
    await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "Penicillin", severity: "SEVERE" } },
      vet.token,
    );

    const carerReads = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, carer.token);
    expect(carerReads.data?.pet!.healthTimeline!.edges.map((e) => e.node.kind)).toEqual(["ALLERGY"]);
    const carerWrites = await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "Dust", severity: "MILD" } },
      carer.token,
    );
    expect(onlyError(carerWrites).extensions?.code).toBe("FORBIDDEN");
    const carerNote = await execute(
      stack.gateway.url,
      AddHomeNoteDocument,
      { input: { petId, text: "I am not an owner" } },
      carer.token,
    );
    expect(onlyError(carerNote).extensions?.code).toBe("FORBIDDEN");

    const otherVet = await registerClinicMember(stack, (await registerClinic(stack)).clinicId, "VET");
    const otherWrites = await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "Dust", severity: "MILD" } },
      otherVet.token,
    );
    expect(onlyError(otherWrites).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });

    await execute(stack.gateway.url, RevokeRecordAccessDocument, { input: { petId, grantId } }, owner.token);
    const afterRevoke = await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, vaccination: { vaccine: "DHPP", vaccineCode: "DHPP" } } },
      vet.token,
    );
    expect(onlyError(afterRevoke).extensions?.code).toBe("NOT_FOUND");
    const timeline = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, owner.token);
    expect(timeline.data?.pet!.healthTimeline!.edges).toHaveLength(1);

    const log = await execute(stack.gateway.url, PetRecordAccessLogDocument, { id: petId }, owner.token);
    const actions = log.data!.pet!.recordAccessLog!.edges.map(
      (e) => `${e.node.viewer!.id === carer.user.id ? "carer" : "vet"}:${e.node.action}`,
    );
    expect(actions).toEqual(expect.arrayContaining(["carer:READ", "vet:WRITE"]));
    const carerLog = await execute(stack.gateway.url, PetRecordAccessLogDocument, { id: petId }, carer.token);
    expect(onlyError(carerLog).extensions?.code).toBe("FORBIDDEN");
  });

  it.each([
    [
      "a future administration date",
      { occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      "input.occurredAt",
    ],
    ["an over-long reason", { reason: "x".repeat(501) }, "input.reason"],
    ["an over-long note", { plan: "p".repeat(10_001) }, "input.plan"],
    [
      "a diagnosis code without a system",
      { diagnoses: [{ text: "Otitis", code: "123" }] },
      "input.diagnoses.0.codeSystem",
    ],
    ["an empty diagnosis", { diagnoses: [{ text: " " }] }, "input.diagnoses.0.text"],
    [
      "a vaccine due before it was given",
      { vaccinations: [{ vaccine: "Rabies", nextDueOn: "2000-01-01" }] },
      "input.vaccinations.0.nextDueOn",
    ],
    [
      "a lower-case vaccine code",
      { vaccinations: [{ vaccine: "Rabies", vaccineCode: "rabies" }] },
      "input.vaccinations.0.vaccineCode",
    ],
  ])("refuses %s with BAD_USER_INPUT and writes nothing", async (_label, overrides, field) => {
    const { owner, petId, vet } = await ownerPetAndVet();
    const result = await execute(
      stack.gateway.url,
      RecordVisitDocument,
      { input: { petId, reason: "Check", ...overrides } as never },
      vet.token,
    );
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    const timeline = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, owner.token);
    expect(timeline.data?.pet!.healthTimeline!.edges).toEqual([]);
    expect(
      (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data?.pet!.upcomingReminders,
    ).toEqual([]);
  });

  it("refuses negative doses and unknown enum values", async () => {
    const { owner, petId, vet } = await ownerPetAndVet();
    const base = {
      petId,
      kind: "STATEMENT" as const,
      drug: "Drug",
      dose: -1,
      doseUnit: "mg",
      route: "ORAL" as const,
      frequency: "daily",
      startsOn: dateOnly(new Date()),
    };
    const negative = await execute(stack.gateway.url, RecordMedicationDocument, { input: base }, vet.token);
    expect(onlyError(negative).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dose" });
    const badRoute = await execute(
      stack.gateway.url,
      RecordMedicationDocument,
      { input: { ...base, dose: 1, route: "TELEPATHIC" as never } },
      vet.token,
    );
    expect(onlyError(badRoute).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.route" });
    const badSeverity = await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "X", severity: "APOCALYPTIC" as never } },
      vet.token,
    );
    expect(onlyError(badSeverity).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.severity" });
    expect(
      (await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, owner.token)).data?.pet!
        .healthTimeline!.edges,
    ).toEqual([]);
  });

  it("an older vaccination entered afterwards never moves the reminder back before the latest one's due date", async () => {
    const { owner, petId, vet } = await ownerPetAndVet({ species: "CAT" });
    await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, vaccination: { vaccine: "Purevax", vaccineCode: "FVRCP" } } },
      vet.token,
    );
    const current = (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data!.pet!
      .upcomingReminders;
    expect(current).toEqual([expect.objectContaining({ code: "FVRCP", dueOn: plusDays(new Date(), 365) })]);
    // Last year's dose, typed in from the paper booklet today.
    const older = await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(500).toISOString(),
          vaccination: { vaccine: "Purevax", vaccineCode: "FVRCP" },
        },
      },
      vet.token,
    );
    expect(older.errors).toBeUndefined();
    expect(
      (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data!.pet!.upcomingReminders,
    ).toEqual(current);
  });

  it("a new vaccination moves the due reminder; owners complete and snooze reminders", async () => {
    const { owner, petId, vet } = await ownerPetAndVet({ species: "CAT" });
    await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(400).toISOString(),
          vaccination: { vaccine: "Purevax", vaccineCode: "FVRCP" },
        },
      },
      vet.token,
    );
    const first = (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data!.pet!
      .upcomingReminders!;
    expect(first).toEqual([expect.objectContaining({ code: "FVRCP", dueOn: plusDays(daysAgo(400), 365) })]);
    await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(1).toISOString(),
          vaccination: { vaccine: "Purevax", vaccineCode: "FVRCP", nextDueOn: plusDays(new Date(), 200) },
        },
      },
      vet.token,
    );
    const moved = (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data!.pet!
      .upcomingReminders;
    expect(moved).toEqual([expect.objectContaining({ id: first[0]!.id, dueOn: plusDays(new Date(), 200) })]);
    expect(
      (await execute(stack.gateway.url, PetRemindersDocument, { id: petId, withinDays: 30 }, owner.token)).data!.pet!
        .upcomingReminders,
    ).toEqual([]);

    const vetSnooze = await execute(
      stack.gateway.url,
      SnoozeReminderDocument,
      { input: { reminderId: first[0]!.id, until: plusDays(new Date(), 7) } },
      vet.token,
    );
    expect(onlyError(vetSnooze).extensions?.code).toBe("FORBIDDEN");
    const snoozed = await execute(
      stack.gateway.url,
      SnoozeReminderDocument,
      { input: { reminderId: first[0]!.id, until: plusDays(new Date(), 7) } },
      owner.token,
    );
    expect(snoozed.data?.snoozeReminder.snoozedUntil).toBe(plusDays(new Date(), 7));
    expect(
      (await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, owner.token)).data!.pet!.upcomingReminders,
    ).toEqual([]);
    const done = await execute(
      stack.gateway.url,
      CompleteReminderDocument,
      { input: { reminderId: first[0]!.id } },
      owner.token,
    );
    expect(done.data?.completeReminder.status).toBe("DONE");
    const stranger = await registerUser(stack, "stranger");
    const strangerDone = await execute(
      stack.gateway.url,
      CompleteReminderDocument,
      { input: { reminderId: first[0]!.id } },
      stranger.token,
    );
    expect(onlyError(strangerDone).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.reminderId" });
  });
});

describe("recall rules", () => {
  it("are seeded, readable by anyone signed in, and managed by platform admins only", async () => {
    const owner = await registerUser(stack, "owner");
    const rules = await execute(stack.gateway.url, RecallRulesDocument, { species: "DOG" }, owner.token);
    expect(rules.data?.recallRules).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "RABIES", intervalDays: 365, kind: "VACCINATION" })]),
    );
    const rule = {
      species: "DOG",
      code: `TEST_${randomUUID().slice(0, 8).toUpperCase().replace(/-/g, "")}`,
      kind: "TREATMENT" as const,
      name: "Test treatment",
      intervalDays: 14,
    };
    const byOwner = await execute(stack.gateway.url, SaveRecallRuleDocument, { input: rule }, owner.token);
    expect(onlyError(byOwner).extensions?.code).toBe("FORBIDDEN");
    const admin = await adminToken(stack);
    const invalid = await execute(
      stack.gateway.url,
      SaveRecallRuleDocument,
      { input: { ...rule, intervalDays: 0 } },
      admin,
    );
    expect(onlyError(invalid).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.intervalDays" });
    const saved = await execute(stack.gateway.url, SaveRecallRuleDocument, { input: rule }, admin);
    expect(saved.data?.saveRecallRule).toMatchObject({ code: rule.code, intervalDays: 14 });

    // The new rule drives due dates at once.
    const { owner: petOwner, petId, vet } = await ownerPetAndVet();
    const at = daysAgo(1);
    await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, occurredAt: at.toISOString(), vaccination: { vaccine: "Spot-on", vaccineCode: rule.code } } },
      vet.token,
    );
    const reminders = await execute(stack.gateway.url, PetRemindersDocument, { id: petId }, petOwner.token);
    expect(reminders.data?.pet!.upcomingReminders).toEqual([
      expect.objectContaining({ code: rule.code, kind: "TREATMENT", dueOn: plusDays(at, 14) }),
    ]);
  });
});

describe("grant expiry", () => {
  it("a vet loses the record the moment the grant's end passes", async () => {
    const owner = await registerUser(stack, "owner");
    const petId = (await createPet(stack, owner.token, { name: "Kiki", species: "CAT" })).id;
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    const until = new Date(Date.now() + 1500).toISOString();
    await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId, until } }, owner.token);
    const before = await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "Fish", severity: "MILD" } },
      vet.token,
    );
    expect(before.errors).toBeUndefined();
    expect(
      (await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, vet.token)).data?.pet!.healthTimeline!
        .edges,
    ).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(
      onlyError(await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, vet.token)).extensions?.code,
    ).toBe("NOT_FOUND");
    const after = await execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "Dust", severity: "MILD" } },
      vet.token,
    );
    expect(onlyError(after).extensions?.code).toBe("NOT_FOUND");
  });
});
