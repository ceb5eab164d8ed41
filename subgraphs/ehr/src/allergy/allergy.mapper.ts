import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { AllergyEntity } from "./allergy.entity";
import type { Allergy, AllergySeverity } from "./allergy.type";

export function toAllergy(row: AllergyEntity): Allergy {
  return {
    ...recordFields(HealthRecordKind.ALLERGY, row),
    substance: row.substance,
    reaction: row.reaction,
    severity: row.severity as AllergySeverity,
  };
}
