import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { ClinicalAlertEntity } from "./clinical-alert.entity";
import type { ClinicalAlert } from "./clinical-alert.type";

export function toClinicalAlert(row: ClinicalAlertEntity): ClinicalAlert {
  return { ...recordFields(HealthRecordKind.CLINICAL_ALERT, row), alert: row.alert, active: row.active };
}
