import {
  ForbiddenError,
  NotFoundError,
  isPlatformAdmin,
  isVendorMember,
  requireViewer,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import { canSeeVendor } from "../access/catalog-access";
import type { VendorEntity } from "../vendor/vendor.entity";

/** Vendors whose people may still prepare products: applied or approved (rejected and suspended ones may not). */
const WRITABLE_VENDOR = new Set(["PENDING", "APPROVED"]);

/**
 * The vendor a viewer writes products for: they must hold VENDOR_ADMIN or VENDOR_STAFF there in
 * their token. Others get FORBIDDEN when they may know the vendor exists (approved vendors are
 * public), NOT_FOUND otherwise; a rejected or suspended vendor's people get FORBIDDEN.
 */
export function requireVendorWriter(viewer: Viewer | null, vendor: VendorEntity | null, field: string): VendorEntity {
  const who = requireViewer(viewer);
  if (!vendor) throw new NotFoundError("Vendor", field);
  if (!isVendorMember(who, vendor.id)) {
    if (canSeeVendor(who, vendor)) throw new ForbiddenError("Only the vendor's own people manage its products");
    throw new NotFoundError("Vendor", field);
  }
  if (!WRITABLE_VENDOR.has(vendor.status))
    throw new ForbiddenError(`The vendor is ${vendor.status.toLowerCase()}: its products cannot be changed`);
  return vendor;
}

/**
 * A product only its vendor's people edit. Anyone else gets NOT_FOUND, whether or not the product is
 * public: another vendor's staff must not learn a draft exists, and "not yours" reads the same for
 * every product. Platform admins, who can see everything, get FORBIDDEN (they unpublish instead).
 */
export function requireProductEditor(
  viewer: Viewer | null,
  product: { vendorId: string } | null,
  vendor: VendorEntity | null,
  field: string,
): VendorEntity {
  const who = requireViewer(viewer);
  if (!product || !vendor) throw new NotFoundError("Product", field);
  if (!isVendorMember(who, vendor.id)) {
    if (isPlatformAdmin(who)) throw new ForbiddenError("Only the vendor's own people edit its products");
    throw new NotFoundError("Product", field);
  }
  if (!WRITABLE_VENDOR.has(vendor.status))
    throw new ForbiddenError(`The vendor is ${vendor.status.toLowerCase()}: its products cannot be changed`);
  return vendor;
}
