import type { ShippingMethodRow } from "./settings.repository";
import { ShippingMethodKind, type ShippingMethod } from "./shipping-method.type";

export function toShippingMethod(row: ShippingMethodRow): ShippingMethod {
  return {
    id: row.id,
    vendor: { id: row.vendorId },
    name: row.name,
    kind: row.kind as ShippingMethodKind,
    price: row.priceMinor === null ? null : { amountMinor: row.priceMinor, currency: row.currency },
    bands: (row.bands ?? []).map((b) => ({
      upToGrams: b.upToGrams,
      price: { amountMinor: b.priceMinor, currency: row.currency },
    })),
    clinic: row.clinicId ? { id: row.clinicId } : null,
    active: row.active,
  };
}
