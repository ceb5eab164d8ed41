import { isPlatformAdmin, isVendorMember, type Viewer } from "@pawgraph/subgraph-kit";
import type { OrderRow, VendorOrderRow } from "./order.rows";

/**
 * Who sees what of orders: the buyer and platform admins see the whole order; a vendor's people see
 * only their vendor order (another vendor's part, and the order as a whole, answer NOT_FOUND);
 * commission is shown to the vendor's people and platform admins only.
 */
export function seesOrder(viewer: Viewer | null, order: Pick<OrderRow, "buyerId">): boolean {
  return !!viewer && (viewer.userId === order.buyerId || isPlatformAdmin(viewer));
}

export function seesVendorOrder(
  viewer: Viewer | null,
  order: Pick<OrderRow, "buyerId">,
  vendorOrder: Pick<VendorOrderRow, "vendorId">,
): boolean {
  return seesOrder(viewer, order) || isVendorMember(viewer, vendorOrder.vendorId);
}

export function seesCommission(viewer: Viewer | null, vendorId: string): boolean {
  return isPlatformAdmin(viewer) || isVendorMember(viewer, vendorId);
}
