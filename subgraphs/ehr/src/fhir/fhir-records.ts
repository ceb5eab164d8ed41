import type { ClinicalAlertEntity } from "../alert/clinical-alert.entity";
import type { AllergyEntity } from "../allergy/allergy.entity";
import type { LabResultEntity } from "../lab-result/lab-result.entity";
import type { MedicationEntity } from "../medication/medication.entity";
import type { VaccinationEntity } from "../vaccination/vaccination.entity";
import type { DiagnosisEntity, VisitEntity } from "../visit/visit.entity";

/** One weighing, as the pets subgraph reports it. */
export interface FhirPetWeight {
  id: string;
  weightKg: number;
  /** ISO 8601 date-time. */
  measuredAt: string;
}

/** The pet's demographics and weights, as the pets subgraph (their owner) reports them to the viewer. */
export interface FhirPet {
  id: string;
  name: string;
  /** A pets `Species` value such as DOG. */
  species: string;
  breed: string | null;
  sex: "MALE" | "FEMALE" | "UNKNOWN";
  neutered: boolean | null;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
  microchipId: string | null;
  /** YYYY-MM-DD. */
  deceasedOn: string | null;
  weights: FhirPetWeight[];
}

/** Every row of one pet's record in ehr's own tables that the FHIR export covers. */
export interface FhirRecords {
  visits: VisitEntity[];
  diagnoses: DiagnosisEntity[];
  vaccinations: VaccinationEntity[];
  medications: MedicationEntity[];
  allergies: AllergyEntity[];
  labResults: LabResultEntity[];
  alerts: ClinicalAlertEntity[];
}
