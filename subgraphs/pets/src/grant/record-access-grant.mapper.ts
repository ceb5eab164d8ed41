import { isGrantActive, type RecordAccessGrantEntity } from "./record-access-grant.entity";
import type { RecordAccessGrant } from "./record-access-grant.type";

/** The GraphQL shape of a grant row: the clinic as a `@key` stub, `active` decided now. */
export function toRecordAccessGrant(grant: RecordAccessGrantEntity): RecordAccessGrant {
  return {
    id: grant.id,
    clinic: { id: grant.clinicId },
    until: grant.until,
    revokedAt: grant.revokedAt,
    active: isGrantActive(grant),
    createdAt: grant.createdAt,
  };
}
