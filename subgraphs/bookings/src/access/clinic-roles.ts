import {
  ForbiddenError,
  MfaEnrolmentRequiredError,
  isPlatformAdmin,
  requireViewer,
  type RoleName,
  type Viewer,
} from "@pawgraph/subgraph-kit";

export const CLINIC_ROLES: RoleName[] = ["VET", "CLINIC_STAFF", "CLINIC_ADMIN"];

/** Whether the viewer holds one of `roles` at the clinic (platform admins hold them all). */
export function worksAt(viewer: Viewer | null, clinicId: string, roles: RoleName[] = CLINIC_ROLES): boolean {
  if (!viewer) return false;
  return isPlatformAdmin(viewer) || viewer.memberships.some((m) => m.clinicId === clinicId && roles.includes(m.role));
}

/**
 * Throws FORBIDDEN unless the viewer holds one of `roles` at the clinic; MFA_ENROLMENT_REQUIRED when such a role
 * is withheld from their token until they turn on two-factor sign-in (docs/decisions/0045).
 */
export function requireClinicRole(viewer: Viewer | null, clinicId: string, roles: RoleName[] = CLINIC_ROLES): Viewer {
  const signedIn = requireViewer(viewer);
  if (!worksAt(signedIn, clinicId, roles)) {
    if (roles.some((role) => signedIn.mfaWithheldRoles?.includes(role))) throw new MfaEnrolmentRequiredError();
    throw new ForbiddenError(`You need the ${roles.join(" or ")} role at this clinic`);
  }
  return signedIn;
}
