import type { HealthRecordKind } from "./health-record.type";

/** The interface fields of a record row, as GraphQL objects. */
export function recordFields(
  kind: HealthRecordKind,
  row: { id: string; occurredAt: Date; clinicId: string | null; recordedBy: string; createdAt: Date },
) {
  return {
    id: row.id,
    kind,
    occurredAt: row.occurredAt,
    clinic: row.clinicId ? { id: row.clinicId } : null,
    recordedBy: { id: row.recordedBy },
    createdAt: row.createdAt,
  };
}
