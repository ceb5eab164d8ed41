import {
  ForbiddenError,
  isPlatformAdmin,
  isUuid,
  isVendorMember,
  NotFoundError,
  type Viewer,
} from "@pawgraph/subgraph-kit";

/*
 * Who may manage a vendor's coupons and shipping methods: its VENDOR_ADMINs and platform admins.
 * The rules match catalog's: someone with no role at the vendor learns nothing (NOT_FOUND, as for an
 * id that does not exist); the vendor's staff know it exists but may not do this (FORBIDDEN).
 */

export function canManageVendor(viewer: Viewer | null, vendorId: string): boolean {
  return isPlatformAdmin(viewer) || isVendorMember(viewer, vendorId, ["VENDOR_ADMIN"]);
}

/** The vendor id (lower case) when the viewer may manage it; NOT_FOUND or FORBIDDEN naming `field` otherwise. */
export function requireVendorManager(viewer: Viewer | null, vendorId: string, field: string, what = "Vendor"): string {
  if (!isUuid(vendorId)) throw new NotFoundError(what, field);
  if (canManageVendor(viewer, vendorId)) return vendorId.toLowerCase();
  if (isVendorMember(viewer, vendorId)) throw new ForbiddenError("Only the vendor's admins manage this");
  throw new NotFoundError(what, field);
}
