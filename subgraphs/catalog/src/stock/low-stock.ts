import type { EntityManager } from "typeorm";
import { writeEvent } from "@pawgraph/subgraph-kit";
import { CATALOG_SCHEMA, STOCK_LOW } from "../events";
import { availableOf, crossedLowLevel, type LevelFigures } from "./availability";
import type { HeldRow, LevelRow, StockRepository } from "./stock.repository";

export const levelKey = (level: { variantId: string; locationId: string }): string =>
  `${level.variantId}|${level.locationId}`;

/** The figures of each level, counting the reservations of every cart but `exceptCart`. */
export function figuresOf(levels: readonly LevelRow[], held: readonly HeldRow[], exceptCart?: string): LevelFigures[] {
  const others = new Map<string, number>();
  for (const row of held)
    if (row.cartId !== exceptCart) others.set(levelKey(row), (others.get(levelKey(row)) ?? 0) + row.quantity);
  return levels.map((level) => ({ ...level, reservedByOthers: others.get(levelKey(level)) ?? 0 }));
}

/** Available units per level as anyone sees it (every cart's reservations counted). */
export function availableByLevel(levels: readonly LevelRow[], held: readonly HeldRow[]): Map<string, number> {
  return new Map(figuresOf(levels, held).map((figures) => [levelKey(figures), availableOf(figures)]));
}

/**
 * After a change to these (still locked) levels, writes `stock.low` for each level whose available
 * units fell from above its low-stock level to it or below, in the same transaction as the change.
 */
export async function announceLowStock(
  stock: StockRepository,
  tx: EntityManager,
  locked: readonly LevelRow[],
  before: Map<string, number>,
): Promise<void> {
  // Most levels have no low-stock level: then there is nothing to compare, and no statement to send.
  if (locked.every((level) => level.lowLevel === null)) return;
  const variantIds = [...new Set(locked.map((level) => level.variantId))];
  const levels = await stock.lockLevels(tx, variantIds);
  const after = availableByLevel(levels, await stock.held(tx, variantIds));
  for (const level of levels) {
    const now = after.get(levelKey(level))!;
    if (!crossedLowLevel(before.get(levelKey(level)) ?? Number.POSITIVE_INFINITY, now, level.lowLevel)) continue;
    const [facts] = await stock.lowStockFacts(tx, level.variantId);
    if (!facts) continue;
    await writeEvent(
      tx,
      CATALOG_SCHEMA,
      STOCK_LOW.create(level.variantId, {
        ...facts,
        variantId: level.variantId,
        locationId: level.locationId,
        available: now,
        lowLevel: level.lowLevel!,
      }),
    );
  }
}
