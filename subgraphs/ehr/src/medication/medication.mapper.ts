import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { MedicationEntity } from "./medication.entity";
import type { Medication, MedicationKind, MedicationRoute } from "./medication.type";

export function toMedication(row: MedicationEntity): Medication {
  return {
    ...recordFields(HealthRecordKind.MEDICATION, row),
    medicationKind: row.kind as MedicationKind,
    drug: row.drug,
    code: row.code,
    dose: row.dose,
    doseUnit: row.doseUnit,
    route: row.route as MedicationRoute,
    frequency: row.frequency,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    refillsLeft: row.refillsLeft,
    prescriber: row.prescriberId ? { id: row.prescriberId } : null,
  };
}
