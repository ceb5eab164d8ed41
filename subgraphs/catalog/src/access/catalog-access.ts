import { isPlatformAdmin, isVendorMember, type Viewer } from "@pawgraph/subgraph-kit";

/** Who may see what in the catalog: the rules every resolver and reference resolver shares. */

/** Approved vendors are public; the others only to the applicant, the vendor's people and platform admins. */
export function canSeeVendor(
  viewer: Viewer | null,
  vendor: { id: string; status: string; appliedBy: string },
): boolean {
  return (
    vendor.status === "APPROVED" ||
    isPlatformAdmin(viewer) ||
    isVendorMember(viewer, vendor.id) ||
    (viewer !== null && vendor.appliedBy === viewer.userId)
  );
}

/** The vendor's own people and platform admins: they see drafts, reasons and commission. */
export function isVendorInsider(viewer: Viewer | null, vendorId: string): boolean {
  return isPlatformAdmin(viewer) || isVendorMember(viewer, vendorId);
}

/** Active products of approved vendors are public; the rest only to their vendor's people and platform admins. */
export function canSeeProduct(
  viewer: Viewer | null,
  product: { vendorId: string; status: string },
  vendorStatus: string | undefined,
): boolean {
  return (product.status === "ACTIVE" && vendorStatus === "APPROVED") || isVendorInsider(viewer, product.vendorId);
}
