import type { AccessLogEntity } from "./access-log.entity";
import type { RecordAccess, RecordAccessAction } from "./access-log.type";

export function toRecordAccess(row: AccessLogEntity): RecordAccess {
  return {
    id: row.id,
    viewer: { id: row.viewerId },
    clinic: row.clinicId ? { id: row.clinicId } : null,
    action: row.action as RecordAccessAction,
    at: row.at,
  };
}
