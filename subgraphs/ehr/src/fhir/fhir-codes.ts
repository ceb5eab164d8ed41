import type { CodeableConcept, Coding, Reference } from "fhir/r4";

// Code systems, by their canonical URIs (https://terminology.hl7.org and the R4 specification).
export const SNOMED = "http://snomed.info/sct";
export const LOINC = "http://loinc.org";
export const UCUM = "http://unitsofmeasure.org";
/** WHO Collaborating Centre's ATCvet classification (veterinary medicines). */
export const ATCVET_SYSTEM = "http://www.whocc.no/atcvet";
/** VeNom has no HL7-registered URI; this is the one the ehr schema documents for `DiagnosisCodeSystem.VENOM`. */
export const VENOM = "http://venomcoding.org";
export const PATIENT_ANIMAL = "http://hl7.org/fhir/StructureDefinition/patient-animal";
export const ANIMAL_GENDER_STATUS = "http://hl7.org/fhir/animal-genderstatus";
export const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
export const OBSERVATION_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
export const CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
export const ENCOUNTER_CLASS = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
export const ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
export const FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
/** An identifier whose value is itself a URI (FHIR's convention for "urn:uuid:..." ids). */
export const URI_IDENTIFIER = "urn:ietf:rfc:3986";
/** ISO 11784/11785 animal microchips: the standard's URN, as no HL7 naming system exists for it. */
export const MICROCHIP = "urn:iso:std:iso:11784";

/** A reference to another entry of the same bundle, by the `urn:uuid:` full URL every entry has. */
export const ref = (id: string): Reference => ({ reference: `urn:uuid:${id}` });

/** One code from one terminology. */
export const coding = (system: string, code: string, display: string): Coding => ({ system, code, display });

/** A concept as people wrote it (`text`), with codes when there are any. */
export const concept = (text: string, ...codings: Coding[]): CodeableConcept =>
  codings.length ? { coding: codings, text } : { text };

/**
 * SNOMED CT organisms for the species Pawgraph knows. Only species whose concept is a clear match
 * are coded; the rest are text, which the patient-animal extension allows.
 */
export const SPECIES: Record<string, { text: string; snomed?: [string, string] }> = {
  DOG: { text: "Dog", snomed: ["448771007", "Canis lupus subsp. familiaris (organism)"] },
  CAT: { text: "Cat", snomed: ["448169003", "Felis catus (organism)"] },
  RABBIT: { text: "Rabbit" },
  GUINEA_PIG: { text: "Guinea pig" },
  HAMSTER: { text: "Hamster" },
  FERRET: { text: "Ferret" },
  BIRD: { text: "Bird" },
  REPTILE: { text: "Reptile" },
  FISH: { text: "Fish" },
  HORSE: { text: "Horse" },
  OTHER: { text: "Other animal" },
};

/** SNOMED CT routes of administration (the R4 route-codes value set) for ehr's `MedicationRoute`. */
export const ROUTES: Record<string, [string, string, string]> = {
  ORAL: ["26643006", "Oral route", "Oral"],
  TOPICAL: ["6064005", "Topical route", "Topical"],
  SUBCUTANEOUS: ["34206005", "Subcutaneous route", "Subcutaneous"],
  INTRAMUSCULAR: ["78421000", "Intramuscular route", "Intramuscular"],
  INTRAVENOUS: ["47625008", "Intravenous route", "Intravenous"],
  OPHTHALMIC: ["54485002", "Ophthalmic route", "Ophthalmic"],
  OTIC: ["10547007", "Otic route", "Otic"],
  INHALED: ["447694001", "Respiratory tract route", "Inhaled"],
  RECTAL: ["37161004", "Rectal route", "Rectal"],
};

/** v3 ObservationInterpretation codes for ehr's `LabResultFlag`. */
export const INTERPRETATIONS: Record<string, [string, string]> = {
  NORMAL: ["N", "Normal"],
  LOW: ["L", "Low"],
  HIGH: ["H", "High"],
  CRITICAL_LOW: ["LL", "Critical low"],
  CRITICAL_HIGH: ["HH", "Critical high"],
  ABNORMAL: ["A", "Abnormal"],
};

/** Diagnosis code systems of ehr's `DiagnosisCodeSystem`. */
export const DIAGNOSIS_SYSTEMS: Record<string, string> = { SNOMED_CT: SNOMED, VENOM };
