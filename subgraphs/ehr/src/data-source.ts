import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { AccessLogEntity } from "./access/access-log.entity";
import { ClinicalAlertEntity } from "./alert/clinical-alert.entity";
import { AttachmentEntity } from "./attachment/attachment.entity";
import { AllergyEntity } from "./allergy/allergy.entity";
import { LabResultEntity } from "./lab-result/lab-result.entity";
import { MedicationEntity } from "./medication/medication.entity";
import { PrescriptionDispensingEntity } from "./medication/prescription-dispensing.entity";
import { Initial1764200000000 } from "./migrations/1764200000000-initial";
import { Outbox1764300000000 } from "./migrations/1764300000000-outbox";
import { MedicationCodes1765400500000 } from "./migrations/1765400500000-medication-codes";
import { PrescriptionDispensings1765600000000 } from "./migrations/1765600000000-prescription-dispensings";
import { OwnerOnlyHomeNotes1766100000000 } from "./migrations/1766100000000-owner-only-home-notes";
import { HomeNoteEntity } from "./note/home-note.entity";
import { RecallRuleEntity } from "./recall-rule/recall-rule.entity";
import { ReminderEntity } from "./reminder/reminder.entity";
import { VaccinationEntity } from "./vaccination/vaccination.entity";
import { DiagnosisEntity, VisitEntity } from "./visit/visit.entity";

/** ehr's tables live in the Postgres schema "ehr". */
export function openEhrDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "ehr",
    url,
    log,
    entities: [
      VisitEntity,
      DiagnosisEntity,
      VaccinationEntity,
      MedicationEntity,
      PrescriptionDispensingEntity,
      AllergyEntity,
      LabResultEntity,
      ClinicalAlertEntity,
      HomeNoteEntity,
      AccessLogEntity,
      RecallRuleEntity,
      ReminderEntity,
      AttachmentEntity,
    ],
    migrations: [
      Initial1764200000000,
      Outbox1764300000000,
      MedicationCodes1765400500000,
      PrescriptionDispensings1765600000000,
      OwnerOnlyHomeNotes1766100000000,
    ],
  });
}
