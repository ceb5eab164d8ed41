import type { Bundle, Condition, Encounter, Immunization, Patient } from "fhir/r4";
import {
  AddClinicalAlertDocument,
  CreatePetDocument,
  GrantRecordAccessDocument,
  PetHealthRecordFhirDocument,
  PetRecordAccessLogDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
  RecordMedicationDocument,
  RecordVisitDocument,
} from "../clients/__generated__/graphql";
import { allReferences, r4SchemaErrors, unresolvedReferences } from "../subgraphs/ehr/src/fhir/fhir-bundle.checks";
import {
  createdPet,
  execute,
  onlyError,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  uniqueMicrochip,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const dateOnly = (date: Date) => date.toISOString().slice(0, 10);

/** An owner's pet with full demographics and a first weighing, shared with a clinic whose vet is returned. */
async function petWithClinic() {
  const owner = await registerUser(stack, "owner");
  const microchipId = uniqueMicrochip();
  const created = await execute(
    stack.gateway.url,
    CreatePetDocument,
    {
      input: {
        name: "Rex",
        species: "DOG",
        breed: "Border Collie",
        sex: "MALE",
        neutered: true,
        dateOfBirth: "2019-04-02",
        microchipId,
        weightKg: 21.5,
      },
    },
    owner.token,
  );
  expect(created.errors).toBeUndefined();
  const petId = createdPet(created).id;
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const grant = await execute(
    stack.gateway.url,
    GrantRecordAccessDocument,
    { input: { petId, clinicId } },
    owner.token,
  );
  expect(grant.errors).toBeUndefined();
  return { owner, petId, clinicId, vet, microchipId };
}

/** A visit with a SNOMED CT and a VeNom diagnosis and a vaccine, then one of every other kind of entry. */
async function recordEverything(petId: string, token: string) {
  const writes = [
    execute(
      stack.gateway.url,
      RecordVisitDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(3).toISOString(),
          reason: "Lame on the left foreleg",
          subjective: "Limping since a walk",
          objective: "Swollen left carpus",
          assessment: "Soft-tissue injury",
          plan: "Rest and an NSAID",
          diagnoses: [
            { text: "Carpal sprain", code: "44465007", codeSystem: "SNOMED_CT" },
            { text: "Overweight", code: "VN-1234", codeSystem: "VENOM" },
          ],
          vaccinations: [{ vaccine: "Nobivac Rabies", vaccineCode: "RABIES", manufacturer: "MSD", lotNumber: "A123" }],
        },
      },
      token,
    ),
    execute(
      stack.gateway.url,
      RecordMedicationDocument,
      {
        input: {
          petId,
          kind: "PRESCRIPTION",
          drug: "Meloxicam 1.5 mg/ml",
          dose: 0.5,
          doseUnit: "ml",
          route: "ORAL",
          frequency: "once daily with food",
          startsOn: dateOnly(daysAgo(3)),
          endsOn: dateOnly(daysAgo(-7)),
          refills: 1,
        },
      },
      token,
    ),
    execute(
      stack.gateway.url,
      RecordMedicationDocument,
      {
        input: {
          petId,
          kind: "STATEMENT",
          drug: "Fish oil",
          dose: 1,
          doseUnit: "capsule",
          route: "ORAL",
          frequency: "daily",
          startsOn: dateOnly(daysAgo(60)),
        },
      },
      token,
    ),
    execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, occurredAt: daysAgo(30).toISOString(), substance: "Chicken", severity: "MODERATE" } },
      token,
    ),
    execute(
      stack.gateway.url,
      RecordLabResultDocument,
      {
        input: {
          petId,
          occurredAt: daysAgo(3).toISOString(),
          test: "Creatinine",
          value: "150",
          unit: "µmol/L",
          referenceLow: 44,
          referenceHigh: 133,
        },
      },
      token,
    ),
    execute(stack.gateway.url, AddClinicalAlertDocument, { input: { petId, alert: "Bites when muzzled" } }, token),
  ];
  for (const result of await Promise.all(writes)) expect(result.errors).toBeUndefined();
}

async function exportAs(petId: string, token: string) {
  const result = await execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, token);
  return { ...result, bundle: result.data?.petHealthRecordFhir as Bundle | undefined };
}

const resourcesOf = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!);

describe("petHealthRecordFhir: the record as a FHIR R4 bundle", () => {
  it("exports the whole record as a bundle that validates against R4, with every reference resolved inside it", async () => {
    const { owner, petId, vet, microchipId } = await petWithClinic();
    await recordEverything(petId, vet.token);

    const { errors, bundle } = await exportAs(petId, owner.token);
    expect(errors).toBeUndefined();
    expect(r4SchemaErrors(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });

    const counts: Record<string, number> = {};
    for (const resource of resourcesOf(bundle!))
      counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
    expect(counts).toEqual({
      Patient: 1,
      Observation: 2, // the weighing from createPet and the lab result
      Encounter: 1,
      Condition: 2,
      ClinicalImpression: 1,
      Immunization: 1,
      MedicationRequest: 1,
      MedicationStatement: 1,
      AllergyIntolerance: 1,
      Flag: 1,
    });
    expect(allReferences(bundle!).length).toBeGreaterThan(10);
    expect(unresolvedReferences(bundle!)).toEqual([]);

    const patient = resourcesOf(bundle!).find((r): r is Patient => r.resourceType === "Patient")!;
    expect(patient).toMatchObject({ id: petId, gender: "male", birthDate: "2019-04-02", name: [{ text: "Rex" }] });
    expect(patient.extension).toEqual([
      expect.objectContaining({
        url: "http://hl7.org/fhir/StructureDefinition/patient-animal",
        extension: [
          {
            url: "species",
            valueCodeableConcept: expect.objectContaining({
              text: "Dog",
              coding: [expect.objectContaining({ system: "http://snomed.info/sct", code: "448771007" })],
            }),
          },
          { url: "breed", valueCodeableConcept: { text: "Border Collie" } },
          {
            url: "genderStatus",
            valueCodeableConcept: expect.objectContaining({
              coding: [
                expect.objectContaining({ system: "http://hl7.org/fhir/animal-genderstatus", code: "neutered" }),
              ],
            }),
          },
        ],
      }),
    ]);
    expect(patient.identifier).toContainEqual(expect.objectContaining({ value: microchipId }));

    const encounter = resourcesOf(bundle!).find((r): r is Encounter => r.resourceType === "Encounter")!;
    const conditions = resourcesOf(bundle!).filter((r): r is Condition => r.resourceType === "Condition");
    expect(encounter.diagnosis!.map((d) => d.condition.reference)).toEqual(conditions.map((c) => `urn:uuid:${c.id}`));
    expect(conditions.map((c) => c.code!.coding)).toEqual([
      [{ system: "http://snomed.info/sct", code: "44465007" }],
      [{ system: "http://venomcoding.org", code: "VN-1234" }],
    ]);
    const immunization = resourcesOf(bundle!).find((r): r is Immunization => r.resourceType === "Immunization")!;
    expect(immunization).toMatchObject({
      patient: { reference: `urn:uuid:${petId}` },
      encounter: { reference: `urn:uuid:${encounter.id}` },
    });
  });

  it("costs the same SQL in ehr for an empty record as for a full one", async () => {
    const full = await petWithClinic();
    await recordEverything(full.petId, full.vet.token);
    const empty = await petWithClinic();
    stack.ehr.sql.take();
    expect((await exportAs(empty.petId, empty.owner.token)).errors).toBeUndefined();
    const forEmpty = stack.ehr.sql.take();
    expect(forEmpty).toBe(7); // one statement per record table
    expect((await exportAs(full.petId, full.owner.token)).errors).toBeUndefined();
    expect(stack.ehr.sql.take()).toBe(forEmpty);
  });

  it("answers NOT_FOUND to a stranger and logs a granted vet's export in the owner's access log", async () => {
    const { owner, petId, clinicId, vet } = await petWithClinic();
    await recordEverything(petId, vet.token);

    const stranger = await registerUser(stack, "stranger");
    const denied = await exportAs(petId, stranger.token);
    expect(onlyError(denied).extensions).toMatchObject({ code: "NOT_FOUND", field: "petId" });
    expect(denied.data).toEqual({ petHealthRecordFhir: null });

    // A colleague who has not touched the record yet, so the only entry for them is the export.
    const colleague = await registerClinicMember(stack, clinicId, "VET");
    const vetExport = await exportAs(petId, colleague.token);
    expect(vetExport.errors).toBeUndefined();
    expect(r4SchemaErrors(vetExport.bundle)).toEqual([]);
    expect(resourcesOf(vetExport.bundle!)).toHaveLength(
      resourcesOf((await exportAs(petId, owner.token)).bundle!).length,
    );

    const log = await execute(stack.gateway.url, PetRecordAccessLogDocument, { id: petId }, owner.token);
    expect(log.errors).toBeUndefined();
    const entries = log.data!.pet!.recordAccessLog!.edges.map((e) => e.node);
    expect(entries.filter((e) => e.viewer!.id === colleague.user.id)).toEqual([
      expect.objectContaining({ clinic: { id: clinicId }, action: "READ" }),
    ]);
    expect(entries.some((e) => e.viewer!.id === stranger.user.id || e.viewer!.id === owner.user.id)).toBe(false);
  });
});
