/**
 * Available stock as read outside a stock operation (search's in-stock filter, recommendations, the
 * level views), written once so every reader agrees with `availableOf` in availability.ts. No reader
 * here is a cart, so every unexpired reservation counts as another cart's. The fragments bind no
 * parameters, so they never shift a statement's `$n` numbering; they take the aliases of the rows
 * they are placed next to, which must not be the ones they use inside (`r`, `va`, `sl`).
 */

/** Units held at the stock level aliased `level` by unexpired reservations; 0 when none. */
export function reservedAtLevel(level: string): string {
  return `COALESCE((SELECT SUM(r.quantity) FROM catalog.stock_reservations r
           WHERE r.variant_id = ${level}.variant_id AND r.location_id = ${level}.location_id AND r.expires_at > now()), 0)`;
}

/** `on_hand − allocated − threshold − reserved` of the level aliased `level` of the variant aliased `variant`; may be negative. */
export function availableAtLevel(level: string, variant: string): string {
  return `${level}.on_hand - ${level}.allocated - ${variant}.out_of_stock_threshold - ${reservedAtLevel(level)}`;
}

/** Whether some active variant of the product aliased `product` has available stock at some level. */
export function productInStock(product: string): string {
  return `EXISTS (
    SELECT 1 FROM catalog.variants va
      JOIN catalog.stock_levels sl ON sl.variant_id = va.id
     WHERE va.product_id = ${product}.id AND va.active
       AND ${availableAtLevel("sl", "va")} > 0)`;
}
