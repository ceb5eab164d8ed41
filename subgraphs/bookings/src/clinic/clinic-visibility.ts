import { isPlatformAdmin, type Viewer } from "@pawgraph/subgraph-kit";
import { worksAt } from "../access/clinic-roles";
import type { ClinicEntity } from "./clinic.entity";

/**
 * Who may see a clinic: owners see approved clinics only; staff and creators see theirs; platform admins
 * see all. A function, not a service method, so the clinic reference and `BookingService` apply it
 * without reaching a service through the request context (docs/decisions/0028).
 */
export function canSeeClinic(viewer: Viewer | null, clinic: ClinicEntity): boolean {
  return (
    clinic.status === "APPROVED" ||
    isPlatformAdmin(viewer) ||
    clinic.createdBy === viewer?.userId ||
    worksAt(viewer, clinic.id)
  );
}
