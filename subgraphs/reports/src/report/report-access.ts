import {
  ForbiddenError,
  isPlatformAdmin,
  isVendorMember,
  NotFoundError,
  parseId,
  requireViewer,
  type Viewer,
} from "@pawgraph/subgraph-kit";

/**
 * Who may read which report, from the access token's claims (the same `clinics` and `vendors`
 * memberships bookings and catalog decide by): a clinic's CLINIC_ADMINs its clinic report, a vendor's
 * VENDOR_ADMINs its vendor report, platform admins every report. Anyone else asking for a clinic or
 * vendor gets NOT_FOUND, as if it did not exist; the platform report is FORBIDDEN to them.
 */
export class ReportAccess {
  clinic(viewer: Viewer | null, clinicId: string, field: string): string {
    const signedIn = requireViewer(viewer);
    const id = parseId(clinicId, field);
    const admin = signedIn.memberships.some((m) => m.clinicId.toLowerCase() === id && m.role === "CLINIC_ADMIN");
    if (!admin && !isPlatformAdmin(signedIn)) throw new NotFoundError("Clinic", field);
    return id;
  }

  vendor(viewer: Viewer | null, vendorId: string, field: string): string {
    const signedIn = requireViewer(viewer);
    const id = parseId(vendorId, field);
    if (!isVendorMember(signedIn, id, ["VENDOR_ADMIN"]) && !isPlatformAdmin(signedIn))
      throw new NotFoundError("Vendor", field);
    return id;
  }

  platform(viewer: Viewer | null): void {
    if (!isPlatformAdmin(requireViewer(viewer))) throw new ForbiddenError("Platform reports are for platform admins");
  }
}
