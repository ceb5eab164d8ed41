import { createHash } from "node:crypto";
import type { Annotation, ClinicalImpression, Condition, Encounter, Immunization } from "fhir/r4";
import type { VaccinationEntity } from "../vaccination/vaccination.entity";
import type { DiagnosisEntity, VisitEntity } from "../visit/visit.entity";
import { CONDITION_CATEGORY, DIAGNOSIS_SYSTEMS, ENCOUNTER_CLASS, coding, concept, ref } from "./fhir-codes";

/** Where a resource links to a visit: the Encounter reference, when that visit is in the bundle. */
export type EncounterLink = (visitId: string | null) => { encounter?: { reference?: string } };

/**
 * A stable UUID for a resource that has no row of its own (the SOAP notes of a visit), so every
 * export of the same record gives it the same `urn:uuid:`; SHA-1 of a name, in the version-5 layout.
 */
export function derivedUuid(kind: string, id: string): string {
  const hash = createHash("sha1").update(`pawgraph:${kind}:${id}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A visit as a finished ambulatory Encounter whose diagnoses point at their Conditions, in the order written. */
export function toEncounter(petId: string, visit: VisitEntity, diagnoses: DiagnosisEntity[]): Encounter {
  return {
    resourceType: "Encounter",
    id: visit.id,
    status: "finished",
    class: coding(ENCOUNTER_CLASS, "AMB", "ambulatory"),
    subject: ref(petId),
    period: { start: visit.occurredAt.toISOString() },
    reasonCode: [concept(visit.reason)],
    ...(diagnoses.length ? { diagnosis: diagnoses.map((d) => ({ condition: ref(d.id), rank: d.position + 1 })) } : {}),
  };
}

/** A diagnosis as an encounter-diagnosis Condition, coded when the vet gave a VeNom or SNOMED CT code. */
export function toCondition(petId: string, visit: VisitEntity, diagnosis: DiagnosisEntity): Condition {
  const system = diagnosis.codeSystem ? DIAGNOSIS_SYSTEMS[diagnosis.codeSystem] : undefined;
  // The vet's wording is the text; the coding carries no display because we do not know the terminology's own.
  const code =
    system && diagnosis.code
      ? { coding: [{ system, code: diagnosis.code }], text: diagnosis.text }
      : concept(diagnosis.text);
  return {
    resourceType: "Condition",
    id: diagnosis.id,
    category: [
      concept("Encounter Diagnosis", coding(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")),
    ],
    code,
    subject: ref(petId),
    encounter: ref(visit.id),
    recordedDate: visit.occurredAt.toISOString(),
  };
}

/**
 * A visit's SOAP notes as a ClinicalImpression (R4 has no notes on Encounter): the assessment is the
 * summary, the other parts are labelled notes. Null when the vet wrote no notes.
 */
export function toClinicalImpression(
  petId: string,
  visit: VisitEntity,
  diagnoses: DiagnosisEntity[],
): ClinicalImpression | null {
  const parts: [string, string | null][] = [
    ["Subjective", visit.subjective],
    ["Objective", visit.objective],
    ["Plan", visit.plan],
  ];
  const note: Annotation[] = parts.filter(([, text]) => text).map(([label, text]) => ({ text: `${label}: ${text}` }));
  if (!note.length && !visit.assessment) return null;
  return {
    resourceType: "ClinicalImpression",
    id: derivedUuid("clinical-impression", visit.id),
    status: "completed",
    subject: ref(petId),
    encounter: ref(visit.id),
    effectiveDateTime: visit.occurredAt.toISOString(),
    date: visit.occurredAt.toISOString(),
    ...(visit.assessment ? { summary: visit.assessment } : {}),
    ...(diagnoses.length ? { problem: diagnoses.map((d) => ref(d.id)) } : {}),
    ...(note.length ? { note } : {}),
  };
}

/** A vaccine given as a completed Immunization; the next due date and protection period go in notes (R4 has no field for them). */
export function toImmunization(petId: string, vaccination: VaccinationEntity, encounter: EncounterLink): Immunization {
  const note: Annotation[] = [];
  if (vaccination.validUntil) note.push({ text: `Protection valid until ${vaccination.validUntil}` });
  if (vaccination.nextDueOn) note.push({ text: `Next dose due on ${vaccination.nextDueOn}` });
  return {
    resourceType: "Immunization",
    id: vaccination.id,
    status: "completed",
    vaccineCode: concept(vaccination.vaccine),
    patient: ref(petId),
    ...encounter(vaccination.visitId),
    occurrenceDateTime: vaccination.occurredAt.toISOString(),
    recorded: vaccination.createdAt.toISOString(),
    ...(vaccination.manufacturer ? { manufacturer: { display: vaccination.manufacturer } } : {}),
    ...(vaccination.lotNumber ? { lotNumber: vaccination.lotNumber } : {}),
    ...(note.length ? { note } : {}),
  };
}
