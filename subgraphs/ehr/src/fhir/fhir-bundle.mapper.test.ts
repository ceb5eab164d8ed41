import { randomUUID } from "node:crypto";
import type {
  AllergyIntolerance,
  Bundle,
  ClinicalImpression,
  Condition,
  Encounter,
  FhirResource,
  Flag,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
} from "fhir/r4";
import type { ClinicalAlertEntity } from "../alert/clinical-alert.entity";
import type { AllergyEntity } from "../allergy/allergy.entity";
import type { LabResultEntity } from "../lab-result/lab-result.entity";
import type { MedicationEntity } from "../medication/medication.entity";
import type { VaccinationEntity } from "../vaccination/vaccination.entity";
import type { DiagnosisEntity, VisitEntity } from "../visit/visit.entity";
import { toFhirBundle } from "./fhir-bundle.mapper";
import { r4SchemaErrors, unresolvedReferences } from "./fhir-bundle.checks";
import type { FhirPet, FhirRecords } from "./fhir-records";
import { derivedUuid } from "./fhir-visit.mapper";

const NOW = new Date("2025-06-15T12:00:00Z");
const PET_ID = randomUUID();
const at = (iso: string) => new Date(iso);

/** Fields every record row has. */
const row = (occurredAt = at("2025-06-01T09:30:00Z")) => ({
  id: randomUUID(),
  seq: "1",
  petId: PET_ID,
  occurredAt,
  clinicId: randomUUID(),
  recordedBy: randomUUID(),
  createdAt: occurredAt,
});

const buildPet = (overrides: Partial<FhirPet> = {}): FhirPet => ({
  id: PET_ID,
  name: "Rex",
  species: "DOG",
  breed: "Border Collie",
  sex: "MALE",
  neutered: true,
  dateOfBirth: "2019-04-02",
  microchipId: "276098106543210",
  deceasedOn: null,
  weights: [
    { id: randomUUID(), weightKg: 20.5, measuredAt: "2025-05-01T08:00:00.000Z" },
    { id: randomUUID(), weightKg: 19.8, measuredAt: "2024-05-01T08:00:00.000Z" },
  ],
  ...overrides,
});
const buildVisit = (o: Partial<VisitEntity> = {}): VisitEntity => ({
  ...row(),
  vetId: null,
  reason: "Limping",
  subjective: "Lame after a walk",
  objective: "Swollen left carpus",
  assessment: "Sprain",
  plan: "Rest, NSAID",
  ...o,
});
const buildDiagnosis = (visit: VisitEntity, o: Partial<DiagnosisEntity> = {}): DiagnosisEntity => ({
  id: randomUUID(),
  visitId: visit.id,
  position: 0,
  text: "Carpal sprain",
  code: "44465007",
  codeSystem: "SNOMED_CT",
  ...o,
});
const buildVaccination = (o: Partial<VaccinationEntity> = {}): VaccinationEntity => ({
  ...row(),
  visitId: null,
  vaccine: "Nobivac Rabies",
  vaccineCode: "RABIES",
  manufacturer: "MSD",
  lotNumber: "A123",
  validUntil: "2028-06-01",
  nextDueOn: "2026-06-01",
  givenBy: null,
  ...o,
});
const buildMedication = (o: Partial<MedicationEntity> = {}): MedicationEntity => ({
  ...row(),
  visitId: null,
  kind: "PRESCRIPTION",
  drug: "Meloxicam 1.5 mg/ml",
  code: null,
  dose: 0.5,
  doseUnit: "ml",
  route: "ORAL",
  frequency: "once daily with food",
  startsOn: "2025-06-01",
  endsOn: "2025-06-20",
  refillsLeft: 2,
  prescriberId: null,
  ...o,
});
const buildAllergy = (o: Partial<AllergyEntity> = {}): AllergyEntity => ({
  ...row(),
  substance: "Chicken",
  reaction: "Itching",
  severity: "MODERATE",
  ...o,
});
const buildLab = (o: Partial<LabResultEntity> = {}): LabResultEntity => ({
  ...row(),
  visitId: null,
  test: "Creatinine",
  value: "150",
  numericValue: 150,
  unit: "µmol/L",
  referenceLow: 44,
  referenceHigh: 133,
  flag: "HIGH",
  ...o,
});
const buildAlert = (o: Partial<ClinicalAlertEntity> = {}): ClinicalAlertEntity => ({
  ...row(),
  alert: "Bites when muzzled",
  active: true,
  ...o,
});

/** A full record: a visit with two diagnoses (one coded), and one of everything else linked to it where possible. */
function fullRecord(): FhirRecords {
  const visit = buildVisit();
  return {
    visits: [visit],
    diagnoses: [
      buildDiagnosis(visit, { position: 1, text: "Overweight", code: null, codeSystem: null }),
      buildDiagnosis(visit),
    ],
    vaccinations: [buildVaccination({ visitId: visit.id, occurredAt: visit.occurredAt })],
    medications: [
      buildMedication({ visitId: visit.id }),
      buildMedication({
        kind: "STATEMENT",
        drug: "Chlorhexidine spray",
        route: "TOPICAL",
        endsOn: null,
        refillsLeft: 0,
      }),
    ],
    allergies: [buildAllergy()],
    labResults: [
      buildLab({ visitId: visit.id }),
      buildLab({
        test: "Heartworm antigen",
        value: "negative",
        numericValue: null,
        unit: null,
        referenceLow: null,
        referenceHigh: null,
        flag: "NORMAL",
      }),
    ],
    alerts: [buildAlert(), buildAlert({ alert: "Diabetic", active: false })],
  };
}

const resources = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!);
const ofType = <T extends FhirResource>(bundle: Bundle, type: T["resourceType"]) =>
  resources(bundle).filter((r): r is T => r.resourceType === type);
const one = <T extends FhirResource>(bundle: Bundle, type: T["resourceType"]) => {
  const found = ofType<T>(bundle, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("toFhirBundle", () => {
  const records = fullRecord();
  const bundle = toFhirBundle(buildPet(), records, { now: NOW });

  it("validates against the FHIR R4 JSON schema, every resource in it included", () => {
    expect(r4SchemaErrors(bundle)).toEqual([]);
  });

  it("is a collection whose references all resolve to entries, each with a unique urn:uuid fullUrl", () => {
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: NOW.toISOString() });
    const fullUrls = bundle.entry!.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(fullUrls.length);
    for (const entry of bundle.entry!) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource!.id}`);
    expect(unresolvedReferences(bundle)).toEqual([]);
    // Nothing undefined hides in the object: what the resolver returns is what the client gets.
    expect(JSON.parse(JSON.stringify(bundle))).toStrictEqual(bundle);
  });

  it("counts one resource per row, plus the Patient and the visit's SOAP notes", () => {
    const counts: Record<string, number> = {};
    for (const r of resources(bundle)) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
    expect(counts).toEqual({
      Patient: 1,
      Observation: 4,
      Encounter: 1,
      Condition: 2,
      ClinicalImpression: 1,
      Immunization: 1,
      MedicationRequest: 1,
      MedicationStatement: 1,
      AllergyIntolerance: 1,
      Flag: 2,
    });
    expect(resources(bundle)[0]!.resourceType).toBe("Patient");
  });

  it("describes the animal with the patient-animal extension, microchip and sex", () => {
    const patient = one<Patient>(bundle, "Patient");
    expect(patient).toMatchObject({
      id: PET_ID,
      gender: "male",
      birthDate: "2019-04-02",
      deceasedBoolean: false,
      name: [{ text: "Rex" }],
    });
    expect(patient.extension).toEqual([
      {
        url: "http://hl7.org/fhir/StructureDefinition/patient-animal",
        extension: [
          {
            url: "species",
            valueCodeableConcept: {
              coding: [
                {
                  system: "http://snomed.info/sct",
                  code: "448771007",
                  display: "Canis lupus subsp. familiaris (organism)",
                },
              ],
              text: "Dog",
            },
          },
          { url: "breed", valueCodeableConcept: { text: "Border Collie" } },
          {
            url: "genderStatus",
            valueCodeableConcept: {
              coding: [{ system: "http://hl7.org/fhir/animal-genderstatus", code: "neutered", display: "Neutered" }],
              text: "Neutered",
            },
          },
        ],
      },
    ]);
    expect(patient.identifier).toContainEqual(
      expect.objectContaining({ system: "urn:iso:std:iso:11784", value: "276098106543210" }),
    );
  });

  it.each([
    [{ neutered: false, sex: "FEMALE" as const }, "intact", "female", true],
    [{ neutered: null, sex: "UNKNOWN" as const, breed: null, species: "HAMSTER" }, "unknown", "unknown", false],
  ])("maps gender status and sex for %j", (overrides, status, gender, hasBreed) => {
    const b = toFhirBundle(
      buildPet({ ...overrides, deceasedOn: "2025-01-02", dateOfBirth: null, microchipId: null }),
      { ...fullRecord(), visits: [] },
      { now: NOW },
    );
    const patient = one<Patient>(b, "Patient");
    expect(patient.gender).toBe(gender);
    expect(patient.deceasedDateTime).toBe("2025-01-02");
    const animal = patient.extension![0]!.extension!;
    expect(animal.find((e) => e.url === "genderStatus")!.valueCodeableConcept!.coding![0]!.code).toBe(status);
    expect(animal.some((e) => e.url === "breed")).toBe(hasBreed);
    expect(r4SchemaErrors(b)).toEqual([]);
    expect(unresolvedReferences(b)).toEqual([]);
  });

  it("links the visit: Encounter → Conditions in order; Conditions, notes, vaccine, prescription and lab → Encounter", () => {
    const encounter = one<Encounter>(bundle, "Encounter");
    const visit = records.visits[0]!;
    const [overweight, sprain] = records.diagnoses;
    expect(encounter).toMatchObject({
      status: "finished",
      subject: { reference: `urn:uuid:${PET_ID}` },
      reasonCode: [{ text: "Limping" }],
    });
    expect(encounter.diagnosis).toEqual([
      { condition: { reference: `urn:uuid:${sprain!.id}` }, rank: 1 },
      { condition: { reference: `urn:uuid:${overweight!.id}` }, rank: 2 },
    ]);
    const coded = ofType<Condition>(bundle, "Condition").find((c) => c.id === sprain!.id)!;
    expect(coded.code).toEqual({
      coding: [{ system: "http://snomed.info/sct", code: "44465007" }],
      text: "Carpal sprain",
    });
    expect(coded.encounter).toEqual({ reference: `urn:uuid:${visit.id}` });
    const notes = one<ClinicalImpression>(bundle, "ClinicalImpression");
    expect(notes).toMatchObject({
      id: derivedUuid("clinical-impression", visit.id),
      summary: "Sprain",
      encounter: { reference: `urn:uuid:${visit.id}` },
    });
    expect(notes.note!.map((n) => n.text)).toEqual([
      "Subjective: Lame after a walk",
      "Objective: Swollen left carpus",
      "Plan: Rest, NSAID",
    ]);
    expect(one<Immunization>(bundle, "Immunization")).toMatchObject({
      status: "completed",
      vaccineCode: { text: "Nobivac Rabies" },
      lotNumber: "A123",
      encounter: { reference: `urn:uuid:${visit.id}` },
    });
    expect(one<MedicationRequest>(bundle, "MedicationRequest").encounter).toEqual({
      reference: `urn:uuid:${visit.id}`,
    });
  });

  it("maps medications: prescriptions as active orders, statements with their dosage", () => {
    const request = one<MedicationRequest>(bundle, "MedicationRequest");
    expect(request).toMatchObject({
      status: "active",
      intent: "order",
      medicationCodeableConcept: { text: "Meloxicam 1.5 mg/ml" },
      dispenseRequest: { numberOfRepeatsAllowed: 2 },
    });
    expect(request.dosageInstruction![0]).toEqual({
      text: "0.5 ml, oral, once daily with food",
      timing: {
        code: { text: "once daily with food" },
        repeat: { boundsPeriod: { start: "2025-06-01", end: "2025-06-20" } },
      },
      route: { coding: [{ system: "http://snomed.info/sct", code: "26643006", display: "Oral route" }], text: "Oral" },
      doseAndRate: [{ doseQuantity: { value: 0.5, unit: "ml" } }],
    });
    const statement = one<MedicationStatement>(bundle, "MedicationStatement");
    expect(statement).toMatchObject({
      status: "active",
      effectivePeriod: { start: "2025-06-01" },
      dosage: [{ route: { text: "Topical" } }],
    });
    expect(statement.context).toBeUndefined();
    const later = toFhirBundle(buildPet(), fullRecord(), { now: new Date("2025-07-01T00:00:00Z") });
    expect(one<MedicationRequest>(later, "MedicationRequest").status).toBe("completed");
  });

  it("codes a medication with its ATCvet code when the vet gave one", () => {
    const records = { ...fullRecord(), medications: [buildMedication({ code: "QM01AC06" })] };
    const request = one<MedicationRequest>(toFhirBundle(buildPet(), records, { now: NOW }), "MedicationRequest");
    expect(request.medicationCodeableConcept).toEqual({
      coding: [{ system: "http://www.whocc.no/atcvet", code: "QM01AC06" }],
      text: "Meloxicam 1.5 mg/ml",
    });
  });

  it("maps allergies, lab results and alerts", () => {
    expect(one<AllergyIntolerance>(bundle, "AllergyIntolerance")).toMatchObject({
      code: { text: "Chicken" },
      patient: { reference: `urn:uuid:${PET_ID}` },
      reaction: [{ manifestation: [{ text: "Itching" }], severity: "moderate" }],
    });
    const observations = ofType<Observation>(bundle, "Observation");
    const weights = observations.filter((o) => o.code.coding?.[0]?.code === "29463-7");
    expect(weights.map((w) => w.valueQuantity)).toEqual([
      { value: 19.8, unit: "kg", system: "http://unitsofmeasure.org", code: "kg" },
      { value: 20.5, unit: "kg", system: "http://unitsofmeasure.org", code: "kg" },
    ]);
    expect(weights[0]!.category![0]!.coding![0]!.code).toBe("vital-signs");
    const creatinine = observations.find((o) => o.code.text === "Creatinine")!;
    expect(creatinine).toMatchObject({
      category: [{ coding: [{ code: "laboratory" }] }],
      valueQuantity: { value: 150, unit: "µmol/L" },
      referenceRange: [{ low: { value: 44, unit: "µmol/L" }, high: { value: 133, unit: "µmol/L" } }],
      interpretation: [
        {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
              code: "H",
              display: "High",
            },
          ],
        },
      ],
    });
    const heartworm = observations.find((o) => o.code.text === "Heartworm antigen")!;
    expect(heartworm).toMatchObject({ valueString: "negative", interpretation: [{ coding: [{ code: "N" }] }] });
    expect(heartworm.referenceRange).toBeUndefined();
    expect(ofType<Flag>(bundle, "Flag").map((f) => [f.code.text, f.status])).toEqual(
      expect.arrayContaining([
        ["Bites when muzzled", "active"],
        ["Diabetic", "inactive"],
      ]),
    );
  });

  it("exports a pet with no records as a valid bundle of one Patient", () => {
    const empty = toFhirBundle(
      buildPet({ weights: [] }),
      { visits: [], diagnoses: [], vaccinations: [], medications: [], allergies: [], labResults: [], alerts: [] },
      { now: NOW },
    );
    expect(resources(empty).map((r) => r.resourceType)).toEqual(["Patient"]);
    expect(r4SchemaErrors(empty)).toEqual([]);
  });

  it("explains schema failures entry by entry", () => {
    const broken = toFhirBundle(buildPet(), fullRecord(), { now: NOW });
    (one<Patient>(broken, "Patient") as { gender: string }).gender = "boy";
    expect(r4SchemaErrors(broken)).toEqual([
      expect.stringMatching(/^entry\[0\] Patient\.gender: should be equal to one of the allowed values/),
    ]);
  });
});
