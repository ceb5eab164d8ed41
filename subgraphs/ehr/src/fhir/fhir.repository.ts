import type { DataSource } from "typeorm";
import { ClinicalAlertEntity } from "../alert/clinical-alert.entity";
import { AllergyEntity } from "../allergy/allergy.entity";
import { LabResultEntity } from "../lab-result/lab-result.entity";
import { MedicationEntity } from "../medication/medication.entity";
import { VaccinationEntity } from "../vaccination/vaccination.entity";
import { DiagnosisEntity, VisitEntity } from "../visit/visit.entity";
import type { FhirRecords } from "./fhir-records";

/**
 * Reads one pet's whole record for the FHIR export: one statement per table (seven in all),
 * whatever the number of rows, run side by side on the pool.
 */
export class FhirRecordRepository {
  constructor(private readonly db: DataSource) {}

  async recordsOf(petId: string): Promise<FhirRecords> {
    const all = <E extends { petId: string }>(entity: new () => E) =>
      this.db
        .getRepository(entity)
        .find({ where: { petId } as never, order: { occurredAt: "ASC", id: "ASC" } as never });
    const [visits, diagnoses, vaccinations, medications, allergies, labResults, alerts] = await Promise.all([
      all(VisitEntity),
      this.db
        .getRepository(DiagnosisEntity)
        .createQueryBuilder("d")
        .innerJoin(VisitEntity, "v", "v.id = d.visit_id")
        .where("v.pet_id = :petId", { petId })
        .orderBy("d.visit_id")
        .addOrderBy("d.position")
        .getMany(),
      all(VaccinationEntity),
      all(MedicationEntity),
      all(AllergyEntity),
      all(LabResultEntity),
      all(ClinicalAlertEntity),
    ]);
    return { visits, diagnoses, vaccinations, medications, allergies, labResults, alerts };
  }
}
