import { writeEvent, type Logger } from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { CatalogClient } from "../catalog/catalog.client";
import type { AddressRow, CartRepository } from "../cart/cart.repository";
import type { CartService } from "../cart/cart.service";
import type { CheckoutService } from "../checkout/checkout.service";
import type { OrderRow } from "../order/order.rows";
import { CARE_PLAN_LINE_SKIPPED } from "./care-plan.events";
import { runKeyOf, type CarePlanLineRow, type SkippedLine } from "./care-plan.repository";
import type { CarePlanRefills, RefillShortfall } from "./care-plan-refills";

/** What placing a run needs of its plan (the plan may not be stored yet: its first run is placed with it). */
export interface PlanSnapshot {
  id: string;
  ownerId: string;
  petId: string;
  currency: string;
  shippingAddress: AddressRow;
  shippingChoices: Record<string, string>;
  lines: CarePlanLineRow[];
}

export type PlaceRunOutcome =
  | { kind: "PLACED"; order: OrderRow; skipped: SkippedLine[] }
  | { kind: "SKIPPED"; skipped: SkippedLine[]; short: RefillShortfall[] }
  | { kind: "OUT_OF_STOCK"; variantId: string; requested: number; available: number }
  | { kind: "NOT_READY"; message: string; variantId: string | null; vendorId: string | null };

/**
 * Places one run's order through checkout's own path: a cart of the run's own (status CARE_PLAN) is
 * filled with the plan's lines and priced by CartService, its stock reserved and the order inserted
 * by CheckoutService, so a run is priced, taxed, shipped and commissioned exactly as a checkout is.
 * Prescription-only lines without a refill left are left out of the run and reported (owner and
 * prescribing clinic are told by `care_plan.line_skipped`).
 */
export class CarePlanRunner {
  constructor(
    private readonly db: DataSource,
    private readonly carts: CartRepository,
    private readonly cartService: CartService,
    private readonly checkout: CheckoutService,
    private readonly catalog: CatalogClient,
    private readonly refills: CarePlanRefills,
    private readonly log: Logger,
  ) {}

  /**
   * `onPlaced` runs in the order's transaction (records the run); `refuseShort` (a plan being created)
   * refuses instead of leaving lines out.
   */
  async place(
    plan: PlanSnapshot,
    periodStart: string,
    onPlaced: (manager: EntityManager, order: OrderRow, skipped: SkippedLine[]) => Promise<void>,
    refuseShort = false,
  ): Promise<PlaceRunOutcome | { kind: "PRESCRIPTION_SHORT"; short: RefillShortfall }> {
    const variants = await this.catalog.variants(plan.lines.map((l) => l.variantId));
    const known = plan.lines.flatMap((l) => {
      const variant = variants.get(l.variantId);
      return variant ? [{ ...l, variant }] : [];
    });
    const verdict = await this.refills.check(plan.petId, known);
    if (refuseShort && verdict.short.length > 0) return { kind: "PRESCRIPTION_SHORT", short: verdict.short[0]! };
    const skipped: SkippedLine[] = verdict.short.map((s) => ({
      variantId: s.variantId,
      title: s.title,
      reason: s.reason,
    }));
    const shortIds = new Set(verdict.short.map((s) => s.variantId));
    const kept = plan.lines.filter((l) => !shortIds.has(l.variantId));
    // Nothing left to order: the caller records the run as skipped and tells of the lines (tellShort).
    if (kept.length === 0) return { kind: "SKIPPED", skipped, short: verdict.short };
    const cart = await this.runCart(plan, kept, variants);
    const quote = await this.cartService.quote((await this.carts.byId(cart.cartId))!, { viewer: null });
    const prescriptions = new Map(
      cart.lines.flatMap((l) => {
        const rx = verdict.chosen.get(l.variantId);
        return rx ? [[l.id, rx] as const] : [];
      }),
    );
    const outcome = await this.checkout.placeScheduled(quote, prescriptions, plan.ownerId, async (manager, order) => {
      await onPlaced(manager, order, skipped);
      await this.tellShort(manager, plan, periodStart, verdict.short);
    });
    if (outcome.kind === "PLACED") return { kind: "PLACED", order: outcome.order, skipped };
    await this.db.query(`DELETE FROM orders.carts WHERE id = $1 AND status = 'CARE_PLAN'`, [cart.cartId]);
    if (outcome.kind === "INSUFFICIENT_STOCK")
      return {
        kind: "OUT_OF_STOCK",
        variantId: outcome.variantId,
        requested: outcome.requested,
        available: outcome.available,
      };
    const problem = outcome.kind === "NOT_READY" ? outcome.problems[0] : null;
    const line = problem?.lineId ? cart.lines.find((l) => l.id === problem.lineId) : undefined;
    return {
      kind: "NOT_READY",
      message: problem?.message ?? "The run's order could not be placed.",
      variantId: line?.variantId ?? null,
      vendorId: problem?.vendorId ?? null,
    };
  }

  /** Records and announces lines left out for want of a refill, in the caller's transaction. */
  async tellShort(manager: EntityManager, plan: PlanSnapshot, periodStart: string, short: RefillShortfall[]) {
    for (const s of short)
      await writeEvent(
        manager,
        "orders",
        CARE_PLAN_LINE_SKIPPED.create(plan.id, {
          planId: plan.id,
          ownerId: plan.ownerId,
          petId: plan.petId,
          runKey: runKeyOf(plan.id, periodStart),
          variantId: s.variantId,
          title: s.title,
          clinicId: s.clinicId,
          prescriptionId: s.prescriptionId,
        }),
      );
  }

  /** The run's own cart: the plan's lines for its pet, its address and shipping choices. */
  private async runCart(
    plan: PlanSnapshot,
    lines: CarePlanLineRow[],
    variants: Map<string, { vendorId: string }>,
  ): Promise<{ cartId: string; lines: { id: string; variantId: string }[] }> {
    return this.db.transaction(async (manager) => {
      const [cart] = (await manager.query(
        `INSERT INTO orders.carts (user_id, status, currency, shipping_address) VALUES ($1, 'CARE_PLAN', $2, $3) RETURNING id`,
        [plan.ownerId, plan.currency, JSON.stringify(plan.shippingAddress)],
      )) as { id: string }[];
      const inserted = (await manager.query(
        `INSERT INTO orders.cart_lines (cart_id, variant_id, pet_id, quantity)
         SELECT $1, v, $2, q FROM unnest($3::uuid[], $4::int[]) AS t(v, q) RETURNING id, variant_id AS "variantId"`,
        [cart!.id, plan.petId, lines.map((l) => l.variantId), lines.map((l) => l.quantity)],
      )) as { id: string; variantId: string }[];
      const vendorIds = new Set(lines.flatMap((l) => variants.get(l.variantId)?.vendorId ?? []));
      const choices = Object.entries(plan.shippingChoices).filter(([vendorId]) => vendorIds.has(vendorId));
      if (choices.length > 0)
        await manager.query(
          `INSERT INTO orders.cart_shipping_choices (cart_id, vendor_id, shipping_method_id)
           SELECT $1, v, m FROM unnest($2::uuid[], $3::uuid[]) AS t(v, m)`,
          [cart!.id, choices.map((c) => c[0]), choices.map((c) => c[1])],
        );
      this.log.debug({ planId: plan.id, cartId: cart!.id }, "care plan run cart");
      return { cartId: cart!.id, lines: inserted };
    });
  }
}
