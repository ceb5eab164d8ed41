import { requireViewer, writeEvent, type BaseContext } from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import { commissionFor } from "../pricing";
import type { CatalogClient } from "../catalog/catalog.client";
import type { CartQuote, QuoteProblem } from "../cart/cart-quote";
import type { CartService } from "../cart/cart.service";
import { ORDER_PLACED, ORDERS_SCHEMA } from "../events";
import type { OrderRepository, NewOrderLine } from "../order/order.repository";
import type { OrderRow } from "../order/order.rows";
import type { SettingsRepository } from "../settings/settings.repository";
import type { PaymentProviderName } from "../payment/payment.service";
import { changedRows } from "../shared/sql";
import { freeze, type FrozenCheckout } from "./frozen-checkout";
import type { PrescriptionChecker, PrescriptionRefusal } from "./prescriptions";
import { stockCartId, stockKeyOf, stockVersion } from "./stock-ref";

export type StartCheckoutOutcome =
  | { kind: "STARTED"; quote: CartQuote; expiresAt: Date }
  | { kind: "NOT_READY"; problems: QuoteProblem[] }
  | { kind: "INSUFFICIENT_STOCK"; lineId: string; variantId: string; requested: number; available: number }
  | { kind: "PRESCRIPTION_REQUIRED"; lineId: string; reason: PrescriptionRefusal; message: string };

export type PlaceOrderOutcome =
  | { kind: "PLACED"; order: OrderRow }
  | { kind: "CHECKOUT_REQUIRED"; message: string }
  | { kind: "COUPON_UNAVAILABLE"; code: string; message: string };

class Refused extends Error {
  constructor(readonly outcome: PlaceOrderOutcome) {
    super(outcome.kind);
  }
}

/**
 * Checkout: `start` checks the cart, the prescriptions and reserves stock in catalog (one reservation
 * per vendor, 15 minutes), then freezes the prices on the cart; `place` turns the frozen checkout into
 * one order with one vendor order per vendor, commission frozen per line, in one transaction.
 */
export class CheckoutService {
  constructor(
    private readonly db: DataSource,
    private readonly carts: CartService,
    private readonly orders: OrderRepository,
    private readonly settings: SettingsRepository,
    private readonly catalog: CatalogClient,
    private readonly prescriptions: PrescriptionChecker,
    private readonly provider: () => PaymentProviderName,
  ) {}

  async start(ctx: BaseContext): Promise<StartCheckoutOutcome> {
    requireViewer(ctx.viewer);
    const quote = await this.carts.current(ctx);
    if (!quote)
      return {
        kind: "NOT_READY",
        problems: [{ code: "EMPTY", message: "The cart is empty.", lineId: null, vendorId: null }],
      };
    if (quote.problems.length > 0) return { kind: "NOT_READY", problems: quote.problems };
    const verdict = await this.prescriptions.check(
      ctx,
      quote.lines
        .filter((l) => l.variant!.prescriptionOnly)
        .map((l) => ({
          lineId: l.row.id,
          title: l.variant!.title,
          petId: l.row.petId,
          medicationCodes: l.variant!.medicationCodes,
        })),
    );
    if (!verdict.ok)
      return {
        kind: "PRESCRIPTION_REQUIRED",
        lineId: verdict.lineId,
        reason: verdict.reason,
        message: verdict.message,
      };
    const cart = quote.cart;
    const version = stockVersion(cart.version);
    const reservation = await this.reserve(quote);
    if (!reservation.ok) return reservation.shortfall;
    const { expiresAt, reserved } = reservation;
    const frozen = freeze(quote, verdict.prescriptions);
    const stored = await changedRows(
      this.db,
      `UPDATE orders.carts SET checkout = $2, checkout_expires_at = $3
        WHERE id = $1 AND version = $4 AND status = 'ACTIVE' RETURNING id`,
      [cart.id, JSON.stringify(frozen), expiresAt, cart.version],
    );
    if (stored.length === 0) {
      await this.releaseAll(cart.id, reserved, version);
      return {
        kind: "NOT_READY",
        problems: [
          {
            code: "CART_CHANGED",
            message: "The cart changed meanwhile; review it and check out again.",
            lineId: null,
            vendorId: null,
          },
        ],
      };
    }
    const started = (await this.carts.current(ctx))!;
    return { kind: "STARTED", quote: started, expiresAt };
  }

  /** Reserves the quote's stock in catalog, one reservation per vendor; all or nothing. */
  private async reserve(
    quote: CartQuote,
  ): Promise<
    | { ok: true; expiresAt: Date; reserved: string[] }
    | { ok: false; shortfall: Extract<StartCheckoutOutcome, { kind: "INSUFFICIENT_STOCK" }> }
  > {
    const cart = quote.cart;
    const version = stockVersion(cart.version);
    let expiresAt: Date | null = null;
    const reserved: string[] = [];
    for (const vendor of quote.vendors) {
      const lines = quote.lines
        .filter((l) => l.variant!.vendorId === vendor.vendorId)
        .map((l) => ({ lineId: l.row.id, variantId: l.row.variantId, quantity: l.row.quantity }));
      const answer = await this.catalog.reserve(
        stockCartId(cart.id, vendor.vendorId),
        stockKeyOf(cart.id, vendor.vendorId, version),
        lines,
      );
      if (answer.__typename === "StockShortfallError") {
        await this.releaseAll(cart.id, reserved, version);
        return {
          ok: false,
          shortfall: {
            kind: "INSUFFICIENT_STOCK",
            lineId: lines.find((l) => l.variantId === answer.variantId)?.lineId ?? lines[0]!.lineId,
            variantId: answer.variantId,
            requested: answer.requested,
            available: answer.available,
          },
        };
      }
      reserved.push(vendor.vendorId);
      const until = new Date(answer.expiresAt);
      if (!expiresAt || until < expiresAt) expiresAt = until;
    }
    return { ok: true, expiresAt: expiresAt!, reserved };
  }

  /**
   * A care plan's run, with no buyer present: the same reservation, freezing and order as a checkout,
   * from a priced cart of the run's own (prescriptions already checked by the caller). `onPlaced` runs
   * in the order's transaction, so the run and its order are recorded together or not at all.
   */
  async placeScheduled(
    quote: CartQuote,
    prescriptions: Map<string, string>,
    buyerId: string,
    onPlaced: (manager: EntityManager, order: OrderRow) => Promise<void>,
  ): Promise<
    | { kind: "PLACED"; order: OrderRow }
    | Extract<StartCheckoutOutcome, { kind: "INSUFFICIENT_STOCK" | "NOT_READY" }>
    | Extract<PlaceOrderOutcome, { kind: "COUPON_UNAVAILABLE" }>
  > {
    if (quote.problems.length > 0) return { kind: "NOT_READY", problems: quote.problems };
    const reservation = await this.reserve(quote);
    if (!reservation.ok) return reservation.shortfall;
    const frozen = freeze(quote, prescriptions);
    try {
      const order = await this.db.transaction(async (manager) => {
        const placed = await this.insertOrder(manager, buyerId, quote.cart.id, quote.cart.version, frozen);
        await onPlaced(manager, placed);
        return placed;
      });
      return { kind: "PLACED", order };
    } catch (error) {
      await this.releaseAll(quote.cart.id, reservation.reserved, stockVersion(quote.cart.version));
      if (error instanceof Refused && error.outcome.kind === "COUPON_UNAVAILABLE") return error.outcome;
      throw error;
    }
  }

  private async releaseAll(cartId: string, vendorIds: string[], version: string): Promise<void> {
    await Promise.all(
      vendorIds.map((vendorId) =>
        this.catalog.release(stockCartId(cartId, vendorId), `${stockKeyOf(cartId, vendorId, version)}:refused`),
      ),
    );
  }

  /** Places the order from the frozen checkout; the payment is started by the caller. */
  async place(ctx: BaseContext): Promise<PlaceOrderOutcome> {
    const buyer = requireViewer(ctx.viewer);
    try {
      const order = await this.db.transaction(async (manager) => {
        const cart = (await manager.query(
          `SELECT id, version, checkout, checkout_expires_at AS "expiresAt" FROM orders.carts
            WHERE user_id = $1 AND status = 'ACTIVE' FOR UPDATE`,
          [buyer.userId],
        )) as { id: string; version: number; checkout: FrozenCheckout | null; expiresAt: Date | null }[];
        const row = cart[0];
        if (!row?.checkout || !row.expiresAt)
          throw new Refused({
            kind: "CHECKOUT_REQUIRED",
            message: "Start checkout first: it reserves the stock and fixes the prices.",
          });
        if (row.expiresAt <= new Date() || row.checkout.cartVersion !== row.version)
          throw new Refused({
            kind: "CHECKOUT_REQUIRED",
            message: "The checkout lapsed or the cart changed; start checkout again.",
          });
        return this.insertOrder(manager, buyer.userId, row.id, row.version, row.checkout);
      });
      return { kind: "PLACED", order };
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      throw error;
    }
  }

  private async insertOrder(
    manager: EntityManager,
    buyerId: string,
    cartId: string,
    cartVersion: number,
    frozen: FrozenCheckout,
  ): Promise<OrderRow> {
    await this.redeemCoupons(manager, buyerId, frozen);
    const rules = await this.settings.commissionRules(
      frozen.lines.flatMap((l) => [l.productId, l.categoryId, l.vendorId]),
      manager,
    );
    const commissionRules = rules.map((r) => ({ ...r, rateBasisPoints: r.rateBps }));
    const linesOf = (vendorId: string): NewOrderLine[] =>
      frozen.lines
        .filter((l) => l.vendorId === vendorId)
        .map((l) => {
          const commission = commissionFor(
            {
              productId: l.productId,
              categoryId: l.categoryId,
              vendorId: l.vendorId,
              quantity: l.quantity,
              amountMinor: l.netMinor,
              currency: frozen.currency,
            },
            commissionRules,
          );
          return {
            position: frozen.lines.indexOf(l) + 1,
            variantId: l.variantId,
            productId: l.productId,
            vendorId: l.vendorId,
            sku: l.sku,
            title: l.title,
            petId: l.petId,
            prescriptionId: l.prescriptionId,
            quantity: l.quantity,
            currency: frozen.currency,
            unitPriceMinor: l.unitPriceMinor,
            subtotalMinor: l.subtotalMinor,
            discountMinor: l.discountMinor,
            taxMinor: l.taxMinor,
            taxRateBps: l.taxRateBps,
            totalMinor: l.totalMinor,
            commissionMinor: commission.amountMinor,
            commissionRule: { ruleId: commission.ruleId, scope: commission.scope, description: commission.description },
          };
        });
    const parts = frozen.vendors.map((v) => {
      const lines = linesOf(v.vendorId);
      return {
        vendorOrder: {
          vendorId: v.vendorId,
          currency: frozen.currency,
          subtotalMinor: v.subtotalMinor,
          discountMinor: v.discountMinor,
          shippingMinor: v.shippingMinor,
          taxMinor: v.taxMinor,
          totalMinor: v.totalMinor,
          commissionMinor: lines.reduce((sum, l) => sum + l.commissionMinor, 0),
          shippingMethod: v.shippingMethod,
        },
        lines,
      };
    });
    const order = await this.orders.insert(
      manager,
      {
        buyerId,
        cartId,
        stockKey: stockVersion(cartVersion),
        currency: frozen.currency,
        pricesIncludeTax: frozen.pricesIncludeTax,
        subtotalMinor: frozen.totals.subtotalMinor,
        discountMinor: frozen.totals.discountMinor,
        shippingMinor: frozen.totals.shippingMinor,
        taxMinor: frozen.totals.taxMinor,
        totalMinor: frozen.totals.totalMinor,
        shippingAddress: frozen.shippingAddress,
        couponCodes: frozen.couponCodes,
        paymentProvider: this.provider(),
      },
      parts,
    );
    for (const couponId of frozen.couponIds)
      await manager.query(`INSERT INTO orders.coupon_redemptions (coupon_id, order_id, user_id) VALUES ($1, $2, $3)`, [
        couponId,
        order.id,
        buyerId,
      ]);
    await manager.query(`UPDATE orders.carts SET status = 'ORDERED', updated_at = now() WHERE id = $1`, [cartId]);
    await this.orders.record(manager, order.id, null, null, "PAYMENT_PENDING", { id: buyerId, role: "BUYER" }, null);
    const vendorOrders = await this.orders.vendorOrdersOf([order.id], manager);
    await writeEvent(
      manager,
      ORDERS_SCHEMA,
      ORDER_PLACED.create(order.id, {
        orderId: order.id,
        orderNumber: order.number,
        buyerId,
        currency: order.currency,
        totalMinor: order.totalMinor,
        vendorOrders: vendorOrders.map((v) => ({
          vendorOrderId: v.id,
          vendorId: v.vendorId,
          totalMinor: v.totalMinor,
          lineCount: parts.find((p) => p.vendorOrder.vendorId === v.vendorId)!.lines.length,
        })),
      }),
    );
    return order;
  }

  /** Counts each applied coupon's use, within its limits overall and per customer, or refuses the order. */
  private async redeemCoupons(manager: EntityManager, buyerId: string, frozen: FrozenCheckout): Promise<void> {
    for (const [i, couponId] of frozen.couponIds.entries()) {
      const code = frozen.couponCodes[i]!;
      const counted = await changedRows(
        manager,
        `UPDATE orders.coupons c SET times_used = times_used + 1
          WHERE id = $1 AND active AND (usage_limit IS NULL OR times_used < usage_limit)
            AND (per_customer_limit IS NULL OR per_customer_limit >
                 (SELECT count(*) FROM orders.coupon_redemptions r WHERE r.coupon_id = c.id AND r.user_id = $2))
          RETURNING id`,
        [couponId, buyerId],
      );
      if (counted.length === 0)
        throw new Refused({
          kind: "COUPON_UNAVAILABLE",
          code,
          message: `${code} can no longer be used; remove it and check out again.`,
        });
    }
  }
}
