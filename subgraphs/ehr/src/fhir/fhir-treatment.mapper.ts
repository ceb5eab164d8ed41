import type {
  AllergyIntolerance,
  Dosage,
  Flag,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Quantity,
} from "fhir/r4";
import type { ClinicalAlertEntity } from "../alert/clinical-alert.entity";
import type { AllergyEntity } from "../allergy/allergy.entity";
import type { LabResultEntity } from "../lab-result/lab-result.entity";
import type { MedicationEntity } from "../medication/medication.entity";
import {
  ALLERGY_CLINICAL,
  FLAG_CATEGORY,
  INTERPRETATIONS,
  OBSERVATION_CATEGORY,
  OBSERVATION_INTERPRETATION,
  ROUTES,
  SNOMED,
  coding,
  concept,
  ref,
  ATCVET_SYSTEM,
} from "./fhir-codes";
import type { EncounterLink } from "./fhir-visit.mapper";

/** The drug as text, coded with its ATCvet code when the vet gave one. */
const medicationConcept = (medication: MedicationEntity) =>
  medication.code
    ? concept(medication.drug, { system: ATCVET_SYSTEM, code: medication.code })
    : concept(medication.drug);

/** How the medication is taken: dose with its unit, route (SNOMED CT) and the frequency as written. */
function dosage(medication: MedicationEntity): Dosage {
  const route = ROUTES[medication.route];
  return {
    text: `${medication.dose} ${medication.doseUnit}, ${route?.[2].toLowerCase() ?? medication.route.toLowerCase()}, ${medication.frequency}`,
    timing: { code: concept(medication.frequency) },
    route: route ? concept(route[2], coding(SNOMED, route[0], route[1])) : concept(medication.route),
    // Dose units are free text ("ml", "tablet"), not UCUM codes, so only `unit` is set.
    doseAndRate: [{ doseQuantity: { value: medication.dose, unit: medication.doseUnit } }],
  };
}

/** Whether a course is over on `today` (YYYY-MM-DD): date-only strings compare correctly as text. */
const ended = (medication: MedicationEntity, today: string) => medication.endsOn !== null && medication.endsOn < today;

/** A prescription (ehr's PRESCRIPTION) as an order; the course's dates bound its timing. */
export function toMedicationRequest(
  petId: string,
  medication: MedicationEntity,
  encounter: EncounterLink,
  today: string,
): MedicationRequest {
  const instruction = dosage(medication);
  instruction.timing = {
    ...instruction.timing,
    repeat: { boundsPeriod: { start: medication.startsOn, ...(medication.endsOn ? { end: medication.endsOn } : {}) } },
  };
  return {
    resourceType: "MedicationRequest",
    id: medication.id,
    status: ended(medication, today) ? "completed" : "active",
    intent: "order",
    medicationCodeableConcept: medicationConcept(medication),
    subject: ref(petId),
    ...encounter(medication.visitId),
    authoredOn: medication.occurredAt.toISOString(),
    dosageInstruction: [instruction],
    // ehr keeps the refills still left, which is what a pharmacy receiving this export may dispense.
    dispenseRequest: { numberOfRepeatsAllowed: medication.refillsLeft },
  };
}

/** A medication the pet takes or took (ehr's STATEMENT); R4 names the encounter `context` here. */
export function toMedicationStatement(
  petId: string,
  medication: MedicationEntity,
  encounter: EncounterLink,
  today: string,
): MedicationStatement {
  const status = ended(medication, today) ? "completed" : medication.startsOn > today ? "intended" : "active";
  const visit = encounter(medication.visitId).encounter;
  return {
    resourceType: "MedicationStatement",
    id: medication.id,
    status,
    medicationCodeableConcept: medicationConcept(medication),
    subject: ref(petId),
    ...(visit ? { context: visit } : {}),
    effectivePeriod: { start: medication.startsOn, ...(medication.endsOn ? { end: medication.endsOn } : {}) },
    dateAsserted: medication.occurredAt.toISOString(),
    dosage: [dosage(medication)],
  };
}

/** A known allergy, active, with one reaction carrying its severity (R4 keeps severity on the reaction). */
export function toAllergyIntolerance(petId: string, allergy: AllergyEntity): AllergyIntolerance {
  return {
    resourceType: "AllergyIntolerance",
    id: allergy.id,
    clinicalStatus: concept("Active", coding(ALLERGY_CLINICAL, "active", "Active")),
    code: concept(allergy.substance),
    patient: ref(petId),
    recordedDate: allergy.occurredAt.toISOString(),
    reaction: [
      {
        // A reaction needs a manifestation; when the vet described none, say so rather than drop the severity.
        manifestation: [concept(allergy.reaction ?? "Reaction not described")],
        severity: allergy.severity.toLowerCase() as "mild" | "moderate" | "severe",
      },
    ],
  };
}

/** A lab result as a laboratory Observation: numeric values as quantities, others as text; the flag as its v3 interpretation. */
export function toLabObservation(petId: string, lab: LabResultEntity, encounter: EncounterLink): Observation {
  const quantity = (value: number): Quantity => ({ value, ...(lab.unit ? { unit: lab.unit } : {}) });
  const interpretation = INTERPRETATIONS[lab.flag];
  const range = {
    ...(lab.referenceLow !== null ? { low: quantity(lab.referenceLow) } : {}),
    ...(lab.referenceHigh !== null ? { high: quantity(lab.referenceHigh) } : {}),
  };
  return {
    resourceType: "Observation",
    id: lab.id,
    status: "final",
    category: [concept("Laboratory", coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory"))],
    code: concept(lab.test),
    subject: ref(petId),
    ...encounter(lab.visitId),
    effectiveDateTime: lab.occurredAt.toISOString(),
    issued: lab.createdAt.toISOString(),
    ...(lab.numericValue !== null ? { valueQuantity: quantity(lab.numericValue) } : { valueString: lab.value }),
    ...(interpretation
      ? { interpretation: [concept(interpretation[1], coding(OBSERVATION_INTERPRETATION, ...interpretation))] }
      : {}),
    ...(range.low || range.high ? { referenceRange: [range] } : {}),
  };
}

/** A clinical alert ("aggressive", "diabetic") as a clinical Flag, inactive once resolved. */
export function toFlag(petId: string, alert: ClinicalAlertEntity): Flag {
  return {
    resourceType: "Flag",
    id: alert.id,
    status: alert.active ? "active" : "inactive",
    category: [concept("Clinical", coding(FLAG_CATEGORY, "clinical", "Clinical"))],
    code: concept(alert.alert),
    subject: ref(petId),
    period: { start: alert.occurredAt.toISOString() },
  };
}
