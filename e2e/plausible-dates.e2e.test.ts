// Issue 11, item 8: "A weight can be recorded in year 0001." The scalars refuse years outside
// 1900-2999 and `@PlausibleDate` each field's floor (e2e/input-hardening.e2e.test.ts); these are the
// dates that are only implausible next to another one: the pet's life, the vaccination, the course.
import {
  PetHealthTimelineDocument,
  PetWeightHistoryDocument,
  RecordMedicationDocument,
  RecordVaccinationDocument,
  RecordVisitDocument,
  RecordWeightDocument,
  UpdatePetDocument,
} from "../clients/__generated__/graphql";
import {
  createPet,
  execute,
  onlyError,
  ownerPetAndVet,
  registerUser,
  startStack,
  type GraphQLResponse,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

function expectRefused(response: GraphQLResponse<unknown>, field: string) {
  expect(response.data ?? null).toBeNull();
  expect(onlyError(response).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
}

const dayFromToday = (days: number, years = 0) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
};

describe("weights", () => {
  it("year 0001, before the pet was born or after it died are refused on input.measuredAt; its life's first and last days are fine", async () => {
    const owner = await registerUser(stack, "owner");
    const pet = await createPet(stack, owner.token, { dateOfBirth: "2015-03-10" });
    const weigh = (measuredAt: string) =>
      execute(
        stack.gateway.url,
        RecordWeightDocument,
        { input: { petId: pet.id, weightKg: 12, measuredAt } },
        owner.token,
      );
    expectRefused(await weigh("0001-01-01T00:00:00Z"), "input.measuredAt");
    expectRefused(await weigh("2015-03-09T12:00:00Z"), "input.measuredAt");
    expect((await weigh("2015-03-10T08:00:00Z")).errors).toBeUndefined();

    const deceased = await createPet(stack, owner.token, { name: "Old Boy", dateOfBirth: "2008-01-01" });
    expect(
      (
        await execute(
          stack.gateway.url,
          UpdatePetDocument,
          { input: { id: deceased.id, deceasedOn: "2023-06-30" } },
          owner.token,
        )
      ).errors,
    ).toBeUndefined();
    const weighDeceased = (measuredAt: string) =>
      execute(
        stack.gateway.url,
        RecordWeightDocument,
        { input: { petId: deceased.id, weightKg: 30, measuredAt } },
        owner.token,
      );
    expectRefused(await weighDeceased("2023-07-01T09:00:00Z"), "input.measuredAt");
    expect((await weighDeceased("2023-06-30T09:00:00Z")).errors).toBeUndefined();

    const history = await execute(stack.gateway.url, PetWeightHistoryDocument, { id: pet.id }, owner.token);
    expect(history.data?.pet!.weightHistory.edges.map((e) => e.node.measuredAt)).toEqual(["2015-03-10T08:00:00.000Z"]);
  });
});

describe("health records", () => {
  async function vetWithAccess() {
    const { petId, vet } = await ownerPetAndVet(stack);
    return { petId, vet };
  }

  it("a vaccination's next dose or validity more than 10 years after it is refused, alone and inside a visit", async () => {
    const { petId, vet } = await vetWithAccess();
    const vaccinate = (vaccination: { nextDueOn?: string; validUntil?: string }) =>
      execute(
        stack.gateway.url,
        RecordVaccinationDocument,
        { input: { petId, vaccination: { vaccine: "Nobivac Rabies", ...vaccination } } },
        vet.token,
      );
    expectRefused(await vaccinate({ nextDueOn: dayFromToday(1, 10) }), "input.vaccination.nextDueOn");
    expectRefused(await vaccinate({ validUntil: "2999-01-01" }), "input.vaccination.validUntil");
    const visit = await execute(
      stack.gateway.url,
      RecordVisitDocument,
      { input: { petId, reason: "Booster", vaccinations: [{ vaccine: "Rabies", nextDueOn: "2205-01-01" }] } },
      vet.token,
    );
    expectRefused(visit, "input.vaccinations.0.nextDueOn");
    expect(
      (await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, vet.token)).data?.pet!.healthTimeline!
        .edges,
    ).toEqual([]);
    expect((await vaccinate({ nextDueOn: dayFromToday(0, 3), validUntil: dayFromToday(0, 3) })).errors).toBeUndefined();
  });

  it("a medication course over 10 years long, or starting more than a year from now, is refused", async () => {
    const { petId, vet } = await vetWithAccess();
    const medication = {
      kind: "PRESCRIPTION" as const,
      drug: "Carprofen 50 mg",
      dose: 1,
      doseUnit: "tablet",
      route: "ORAL" as const,
      frequency: "daily",
    };
    const prescribe = (startsOn: string, endsOn?: string) =>
      execute(
        stack.gateway.url,
        RecordMedicationDocument,
        { input: { petId, ...medication, startsOn, endsOn } },
        vet.token,
      );
    expectRefused(await prescribe(dayFromToday(0), "2999-12-31"), "input.endsOn");
    expectRefused(await prescribe(dayFromToday(0, 2)), "input.startsOn");
    expect((await prescribe(dayFromToday(0), dayFromToday(14))).errors).toBeUndefined();
  });
});
