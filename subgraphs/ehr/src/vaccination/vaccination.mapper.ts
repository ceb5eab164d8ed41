import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { VaccinationEntity } from "./vaccination.entity";
import type { Vaccination } from "./vaccination.type";

export function toVaccination(row: VaccinationEntity): Vaccination {
  return {
    ...recordFields(HealthRecordKind.VACCINATION, row),
    vaccine: row.vaccine,
    vaccineCode: row.vaccineCode,
    manufacturer: row.manufacturer,
    lotNumber: row.lotNumber,
    validUntil: row.validUntil,
    nextDueOn: row.nextDueOn,
    givenBy: row.givenBy ? { id: row.givenBy } : null,
  };
}
