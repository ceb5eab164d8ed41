import type { Viewer } from "@pawgraph/subgraph-kit";
import { isVendorInsider } from "../access/catalog-access";
import type { VendorEntity } from "./vendor.entity";
import type { Vendor, VendorStatus } from "./vendor.type";

/** A vendor row as the GraphQL `Vendor`, as `viewer` may see it (reasons and commission are internal). */
export function toVendor(row: VendorEntity, viewer: Viewer | null): Vendor {
  const insider = isVendorInsider(viewer, row.id) || (viewer !== null && viewer.userId === row.appliedBy);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    address: { line: row.addressLine, city: row.city, postalCode: row.postalCode, country: row.country },
    currency: row.currency,
    status: row.status as VendorStatus,
    statusReason: insider ? row.statusReason : null,
    commissionBps: insider ? row.commissionBps : null,
    clinic: row.clinicId ? { id: row.clinicId } : null,
    createdAt: row.createdAt,
    logoKey: row.logoKey,
  };
}
