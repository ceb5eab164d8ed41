import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { DiagnosisEntity, VisitEntity } from "./visit.entity";
import type { Diagnosis, DiagnosisCodeSystem, Visit } from "./visit.type";

export function toVisit(row: VisitEntity): Visit {
  return {
    ...recordFields(HealthRecordKind.VISIT, row),
    attendingVet: row.vetId ? { id: row.vetId } : null,
    reason: row.reason,
    notes: { subjective: row.subjective, objective: row.objective, assessment: row.assessment, plan: row.plan },
  };
}

export function toDiagnosis(row: DiagnosisEntity): Diagnosis {
  return { id: row.id, text: row.text, code: row.code, codeSystem: row.codeSystem as DiagnosisCodeSystem | null };
}
