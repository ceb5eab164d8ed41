import type { DataSource, EntityManager } from "typeorm";
import { changedRows } from "../shared/sql";

export type CartStatus = "ACTIVE" | "ORDERED" | "MERGED";

/** A shipping address as stored on a cart and frozen on an order. */
export interface AddressRow {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
  phone: string | null;
}

export interface CartRow {
  id: string;
  userId: string | null;
  status: CartStatus;
  currency: string | null;
  version: number;
  shippingAddress: AddressRow | null;
  /** The checkout frozen by `startCheckout` (see checkout/), null while the cart is being filled. */
  checkout: unknown;
  checkoutExpiresAt: Date | null;
  updatedAt: Date;
}

export interface CartLineRow {
  id: string;
  cartId: string;
  variantId: string;
  petId: string | null;
  quantity: number;
  addedAt: Date;
}

const CART = `id, user_id AS "userId", status, currency, version, shipping_address AS "shippingAddress",
  checkout, checkout_expires_at AS "checkoutExpiresAt", updated_at AS "updatedAt"`;
const LINE = `id, cart_id AS "cartId", variant_id AS "variantId", pet_id AS "petId", quantity, added_at AS "addedAt"`;

type Db = DataSource | EntityManager;

/** Carts and what is in them. Every change bumps `version` and voids a started checkout. */
export class CartRepository {
  constructor(private readonly db: DataSource) {}

  async activeOfUser(userId: string, db: Db = this.db): Promise<CartRow | null> {
    const rows: CartRow[] = await db.query(
      `SELECT ${CART} FROM orders.carts WHERE user_id = $1 AND status = 'ACTIVE'`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async byTokenHash(tokenHash: string, db: Db = this.db): Promise<(CartRow & { guest: boolean }) | null> {
    const rows: (CartRow & { guest: boolean })[] = await db.query(
      `SELECT ${CART}, user_id IS NULL AS guest FROM orders.carts WHERE guest_token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async byId(id: string, db: Db = this.db): Promise<CartRow | null> {
    const rows: CartRow[] = await db.query(`SELECT ${CART} FROM orders.carts WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Whether the (guest) cart was merged into one of the user's carts: its token is spent, not foreign. */
  async wasMergedInto(cartId: string, userId: string, db: Db = this.db): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM orders.carts g JOIN orders.carts u ON u.id = g.merged_into WHERE g.id = $1 AND u.user_id = $2`,
      [cartId, userId],
    );
    return rows.length > 0;
  }

  /** Locks the cart row for the rest of the transaction: changes to one cart are serialised. */
  async lock(manager: EntityManager, id: string): Promise<CartRow | null> {
    const rows: CartRow[] = await manager.query(`SELECT ${CART} FROM orders.carts WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** The user's active cart, created if they have none (two racing first adds meet on the unique index). */
  async ensureForUser(manager: EntityManager, userId: string): Promise<CartRow> {
    await manager.query(
      `INSERT INTO orders.carts (user_id) VALUES ($1)
       ON CONFLICT (user_id) WHERE status = 'ACTIVE' AND user_id IS NOT NULL DO NOTHING`,
      [userId],
    );
    const rows: CartRow[] = await manager.query(
      `SELECT ${CART} FROM orders.carts WHERE user_id = $1 AND status = 'ACTIVE' FOR UPDATE`,
      [userId],
    );
    return rows[0]!;
  }

  async createGuest(manager: EntityManager, tokenHash: string): Promise<CartRow> {
    const rows: CartRow[] = await manager.query(
      `INSERT INTO orders.carts (guest_token_hash) VALUES ($1) RETURNING ${CART}`,
      [tokenHash],
    );
    return rows[0]!;
  }

  async lines(cartId: string, db: Db = this.db): Promise<CartLineRow[]> {
    return db.query(`SELECT ${LINE} FROM orders.cart_lines WHERE cart_id = $1 ORDER BY added_at, id`, [cartId]);
  }

  async line(manager: EntityManager, cartId: string, lineId: string): Promise<CartLineRow | null> {
    const rows: CartLineRow[] = await manager.query(
      `SELECT ${LINE} FROM orders.cart_lines WHERE cart_id = $1 AND id = $2`,
      [cartId, lineId],
    );
    return rows[0] ?? null;
  }

  /** Adds units to the line for (variant, pet), creating it; at most 999 units per line. */
  async addLine(
    manager: EntityManager,
    cartId: string,
    line: { variantId: string; petId: string | null; quantity: number },
  ): Promise<CartLineRow> {
    const rows: CartLineRow[] = await manager.query(
      `INSERT INTO orders.cart_lines (cart_id, variant_id, pet_id, quantity) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cart_id, variant_id, pet_id)
       DO UPDATE SET quantity = least(999, orders.cart_lines.quantity + excluded.quantity)
       RETURNING ${LINE}`,
      [cartId, line.variantId, line.petId, line.quantity],
    );
    return rows[0]!;
  }

  async setQuantity(manager: EntityManager, lineId: string, quantity: number): Promise<void> {
    await manager.query(`UPDATE orders.cart_lines SET quantity = $2 WHERE id = $1`, [lineId, quantity]);
  }

  async setLinePet(manager: EntityManager, lineId: string, petId: string | null): Promise<void> {
    await manager.query(`UPDATE orders.cart_lines SET pet_id = $2 WHERE id = $1`, [lineId, petId]);
  }

  async removeLine(manager: EntityManager, lineId: string): Promise<void> {
    await manager.query(`DELETE FROM orders.cart_lines WHERE id = $1`, [lineId]);
  }

  /**
   * Records a change: the version moves on (stock keys and frozen checkouts name a version), the
   * checkout is voided, and the currency is set by the first line or cleared with the last.
   */
  async touch(manager: EntityManager, cartId: string, currency?: string | null): Promise<void> {
    await manager.query(
      `UPDATE orders.carts SET version = version + 1, checkout = NULL, checkout_expires_at = NULL, updated_at = now(),
              currency = CASE WHEN $2::boolean THEN $3 ELSE currency END
        WHERE id = $1`,
      [cartId, currency !== undefined, currency ?? null],
    );
  }

  async setShippingAddress(manager: EntityManager, cartId: string, address: AddressRow): Promise<void> {
    await manager.query(`UPDATE orders.carts SET shipping_address = $2 WHERE id = $1`, [
      cartId,
      JSON.stringify(address),
    ]);
  }

  async shippingChoices(cartId: string, db: Db = this.db): Promise<Map<string, string>> {
    const rows: { vendorId: string; methodId: string }[] = await db.query(
      `SELECT vendor_id AS "vendorId", shipping_method_id AS "methodId" FROM orders.cart_shipping_choices WHERE cart_id = $1`,
      [cartId],
    );
    return new Map(rows.map((r) => [r.vendorId, r.methodId]));
  }

  async chooseShipping(manager: EntityManager, cartId: string, vendorId: string, methodId: string): Promise<void> {
    await manager.query(
      `INSERT INTO orders.cart_shipping_choices (cart_id, vendor_id, shipping_method_id) VALUES ($1, $2, $3)
       ON CONFLICT (cart_id, vendor_id) DO UPDATE SET shipping_method_id = excluded.shipping_method_id`,
      [cartId, vendorId, methodId],
    );
  }

  async couponIds(cartId: string, db: Db = this.db): Promise<string[]> {
    const rows: { couponId: string }[] = await db.query(
      `SELECT coupon_id AS "couponId" FROM orders.cart_coupons WHERE cart_id = $1 ORDER BY added_at, coupon_id`,
      [cartId],
    );
    return rows.map((r) => r.couponId);
  }

  async addCoupon(manager: EntityManager, cartId: string, couponId: string): Promise<void> {
    await manager.query(`INSERT INTO orders.cart_coupons (cart_id, coupon_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      cartId,
      couponId,
    ]);
  }

  async removeCoupon(manager: EntityManager, cartId: string, couponId: string): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `DELETE FROM orders.cart_coupons WHERE cart_id = $1 AND coupon_id = $2 RETURNING coupon_id`,
      [cartId, couponId],
    );
    return rows.length > 0;
  }

  /**
   * Moves a guest cart into the user's: quantities of the same (variant, pet) add up (999 at most),
   * coupons and shipping choices the user's cart lacks come along, the address too if the user's
   * cart has none; the guest cart is left MERGED and can no longer be used.
   */
  async merge(manager: EntityManager, guestId: string, into: CartRow): Promise<void> {
    await manager.query(
      `INSERT INTO orders.cart_lines (cart_id, variant_id, pet_id, quantity, added_at)
       SELECT $2, variant_id, pet_id, quantity, added_at FROM orders.cart_lines WHERE cart_id = $1
       ON CONFLICT (cart_id, variant_id, pet_id)
       DO UPDATE SET quantity = least(999, orders.cart_lines.quantity + excluded.quantity)`,
      [guestId, into.id],
    );
    await manager.query(
      `INSERT INTO orders.cart_coupons (cart_id, coupon_id) SELECT $2, coupon_id FROM orders.cart_coupons WHERE cart_id = $1
       ON CONFLICT DO NOTHING`,
      [guestId, into.id],
    );
    await manager.query(
      `INSERT INTO orders.cart_shipping_choices (cart_id, vendor_id, shipping_method_id)
       SELECT $2, vendor_id, shipping_method_id FROM orders.cart_shipping_choices WHERE cart_id = $1
       ON CONFLICT DO NOTHING`,
      [guestId, into.id],
    );
    await manager.query(
      `UPDATE orders.carts u SET shipping_address = coalesce(u.shipping_address, g.shipping_address),
              currency = coalesce(u.currency, g.currency)
         FROM orders.carts g WHERE u.id = $2 AND g.id = $1`,
      [guestId, into.id],
    );
    await manager.query(
      `UPDATE orders.carts SET status = 'MERGED', merged_into = $2, updated_at = now() WHERE id = $1`,
      [guestId, into.id],
    );
  }
}
