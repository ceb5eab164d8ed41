import { isPlatformAdmin, type RoleName, type Viewer } from "@pawgraph/subgraph-kit";

const CLINIC_ROLES: RoleName[] = ["VET", "CLINIC_STAFF", "CLINIC_ADMIN"];

/** The viewer's side of a conversation: its owner, or staff of its clinic; null means not a participant. */
export function sideOf(
  viewer: Viewer | null,
  conversation: { ownerId: string; clinicId: string },
): "OWNER" | "CLINIC" | null {
  if (!viewer) return null;
  if (viewer.userId === conversation.ownerId) return "OWNER";
  if (viewer.memberships.some((m) => m.clinicId === conversation.clinicId && CLINIC_ROLES.includes(m.role)))
    return "CLINIC";
  return null;
}

/** Clinic ids where the viewer is staff. */
export function staffClinics(viewer: Viewer): string[] {
  return [...new Set(viewer.memberships.filter((m) => CLINIC_ROLES.includes(m.role)).map((m) => m.clinicId))];
}

export function isClinicAdmin(viewer: Viewer | null, clinicId: string): boolean {
  return (
    !!viewer &&
    (isPlatformAdmin(viewer) || viewer.memberships.some((m) => m.clinicId === clinicId && m.role === "CLINIC_ADMIN"))
  );
}
