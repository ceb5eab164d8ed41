import { availableOf } from "./availability";
import type { LevelView, LocationRow } from "./stock.repository";
import { StockLevel, StockLocation } from "./stock.type";

export function toStockLocation(row: LocationRow): StockLocation {
  return Object.assign(new StockLocation(), {
    id: row.id,
    name: row.name,
    country: row.country,
    createdAt: row.createdAt,
    vendorId: row.vendorId,
  });
}

/** Units that can be sold at a level, every cart's reservations counted. */
export const availableAt = (level: LevelView): number => availableOf({ ...level, reservedByOthers: level.reserved });

export function toStockLevel(level: LevelView): StockLevel {
  return Object.assign(new StockLevel(), {
    location: toStockLocation({
      id: level.locationId,
      vendorId: level.vendorId,
      name: level.locationName,
      country: level.locationCountry,
      createdAt: level.locationCreatedAt,
    }),
    onHand: level.onHand,
    allocated: level.allocated,
    reserved: level.reserved,
    available: availableAt(level),
    lowLevel: level.lowLevel,
  });
}
