import type { Bundle, BundleEntry, FhirResource } from "fhir/r4";
import type { DiagnosisEntity } from "../visit/visit.entity";
import { ref } from "./fhir-codes";
import { toPatient, toWeightObservation } from "./fhir-patient.mapper";
import type { FhirPet, FhirRecords } from "./fhir-records";
import {
  toAllergyIntolerance,
  toFlag,
  toLabObservation,
  toMedicationRequest,
  toMedicationStatement,
} from "./fhir-treatment.mapper";
import {
  toClinicalImpression,
  toCondition,
  toEncounter,
  toImmunization,
  type EncounterLink,
} from "./fhir-visit.mapper";

const byTime = <T extends { occurredAt: Date; id: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));

/**
 * Maps a pet and every row of its record to a FHIR R4 `collection` Bundle. Each entry's `fullUrl`
 * is `urn:uuid:<id>` and every reference between resources uses those URLs, so the bundle is
 * self-contained: Patient first, then weights, visits (Encounter, Conditions, SOAP notes),
 * immunizations, medications, allergies, lab results and alerts, each oldest first.
 * Pure: the clock comes in as `now` (bundle timestamp, whether a medication course is over).
 */
export function toFhirBundle(pet: FhirPet, records: FhirRecords, options: { now: Date }): Bundle {
  const today = options.now.toISOString().slice(0, 10);
  const visitIds = new Set(records.visits.map((v) => v.id));
  // Only visits in this bundle are referenced, so a reference can never dangle.
  const encounter: EncounterLink = (visitId) => (visitId && visitIds.has(visitId) ? { encounter: ref(visitId) } : {});
  const diagnosesOf = new Map<string, DiagnosisEntity[]>();
  for (const d of [...records.diagnoses].sort((a, b) => a.position - b.position)) {
    diagnosesOf.set(d.visitId, [...(diagnosesOf.get(d.visitId) ?? []), d]);
  }

  const resources: FhirResource[] = [toPatient(pet)];
  const weights = [...pet.weights].sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  resources.push(...weights.map((w) => toWeightObservation(pet.id, w)));
  for (const visit of byTime(records.visits)) {
    const diagnoses = diagnosesOf.get(visit.id) ?? [];
    resources.push(toEncounter(pet.id, visit, diagnoses), ...diagnoses.map((d) => toCondition(pet.id, visit, d)));
    const impression = toClinicalImpression(pet.id, visit, diagnoses);
    if (impression) resources.push(impression);
  }
  resources.push(...byTime(records.vaccinations).map((v) => toImmunization(pet.id, v, encounter)));
  for (const medication of byTime(records.medications)) {
    resources.push(
      medication.kind === "PRESCRIPTION"
        ? toMedicationRequest(pet.id, medication, encounter, today)
        : toMedicationStatement(pet.id, medication, encounter, today),
    );
  }
  resources.push(...byTime(records.allergies).map((a) => toAllergyIntolerance(pet.id, a)));
  resources.push(...byTime(records.labResults).map((l) => toLabObservation(pet.id, l, encounter)));
  resources.push(...byTime(records.alerts).map((a) => toFlag(pet.id, a)));

  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }));
  return { resourceType: "Bundle", type: "collection", timestamp: options.now.toISOString(), entry };
}
