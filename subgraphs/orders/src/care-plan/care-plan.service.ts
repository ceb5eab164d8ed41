import { randomUUID } from "node:crypto";
import {
  BadUserInputError,
  isUuid,
  isVendorMember,
  keyset,
  NotFoundError,
  paginate,
  requireViewer,
  writeEvent,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { CatalogClient } from "../catalog/catalog.client";
import type { AddressRow, CartRepository } from "../cart/cart.repository";
import type { CartService } from "../cart/cart.service";
import type { OrderRow } from "../order/order.rows";
import type { PaymentService, PaymentSession } from "../payment/payment.service";
import type { SettingsRepository } from "../settings/settings.repository";
import { toAddressRow } from "../shared/address";
import type { PetOwnership } from "../shared/pet-ownership";
import { firstRunOnOrAfter, isoDay, runDate, type PlanInterval } from "./care-plan-dates";
import type { CarePlanBilling } from "./care-plan-billing";
import { CARE_PLAN_STARTED } from "./care-plan.events";
import type { CarePlanIntervalInput, CreateCarePlanInput, UpdateCarePlanInput } from "./care-plan.inputs";
import type { CarePlanLineRow, CarePlanRepository, CarePlanRow, CarePlanRunRow } from "./care-plan.repository";
import type { CarePlanRunner } from "./care-plan-runner";
import type { WellnessEnrolment } from "../wellness/wellness-enrolment";

const DAY_MS = 86_400_000;
const MAX_LINES = 20;
const PLAN_PAGE = keyset("date", "uuid").of((p: CarePlanRow) => [p.createdAt, p.id]);

export type CreateCarePlanOutcome =
  | { kind: "CREATED"; plan: CarePlanRow; runs: CarePlanRunRow[]; order: OrderRow; payment: PaymentSession | null }
  | { kind: "LINE_UNAVAILABLE"; variantId: string; message: string }
  | { kind: "SHIPPING_METHOD_REQUIRED"; vendorId: string; message: string }
  | { kind: "PRESCRIPTION_REQUIRED"; variantId: string; reason: string; message: string }
  | { kind: "OUT_OF_STOCK"; variantId: string; requested: number; available: number };

export type ChangeOutcome =
  | { kind: "CHANGED"; plan: CarePlanRow; runs: CarePlanRunRow[] }
  | { kind: "STATE"; status: CarePlanRow["status"]; message: string };

function intervalOf(input: CarePlanIntervalInput, field: string): PlanInterval {
  const max = input.unit === "WEEK" ? 52 : 12;
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > max)
    throw new BadUserInputError(`${field}.count`, `must be a whole number from 1 to ${max}`);
  return { unit: input.unit, count: input.count };
}

function quantityOf(field: string, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999)
    throw new BadUserInputError(field, "must be a whole number from 1 to 999");
  return quantity;
}

/**
 * Care plans as their owner sees and changes them. Only the owner may see or change a plan: anyone
 * else is answered NOT_FOUND. Creating a plan places its first order at once (through checkout's
 * path, see CarePlanRunner) and starts its payment on-session, saving the payment method for the
 * off-session runs that follow (Stripe), or marks the plan "pay on delivery" (offline).
 */
export class CarePlanService {
  constructor(
    private readonly db: DataSource,
    private readonly plans: CarePlanRepository,
    private readonly carts: CartService,
    private readonly cartRows: CartRepository,
    private readonly settings: SettingsRepository,
    private readonly catalog: CatalogClient,
    private readonly pets: PetOwnership,
    private readonly runner: CarePlanRunner,
    private readonly billing: CarePlanBilling,
    private readonly payments: PaymentService,
    private readonly clock: () => Date,
    private readonly wellness: WellnessEnrolment,
  ) {}

  async create(ctx: BaseContext, input: CreateCarePlanInput): Promise<CreateCarePlanOutcome> {
    const viewer = requireViewer(ctx.viewer);
    const interval = intervalOf(input.interval, "input.interval");
    if (!isUuid(input.petId) || !(await this.pets.owned(ctx, [input.petId])).has(input.petId))
      throw new NotFoundError("Pet", "input.petId");
    const wellness =
      input.wellnessOfferId != null
        ? await this.wellness.terms({ ...input, wellnessOfferId: input.wellnessOfferId })
        : null;
    const fromCart = input.cartLineIds != null;
    if (!wellness && fromCart === (input.lines != null))
      throw new BadUserInputError("input.lines", "give either cartLineIds or lines");
    const quote = await this.carts.current(ctx);
    const lines: (CarePlanLineRow & { field: string })[] = wellness
      ? wellness.lines.map((line) => ({ ...line, field: "input.wellnessOfferId" }))
      : fromCart
        ? input.cartLineIds!.map((id, i) => {
            const line = quote?.lines.find((l) => l.row.id === id);
            if (!line) throw new NotFoundError("Cart line", `input.cartLineIds[${i}]`);
            return { variantId: line.row.variantId, quantity: line.row.quantity, field: `input.cartLineIds[${i}]` };
          })
        : input.lines!.map((l, i) => {
            if (!isUuid(l.variantId)) throw new NotFoundError("Product variant", `input.lines[${i}].variantId`);
            return {
              variantId: l.variantId,
              quantity: quantityOf(`input.lines[${i}].quantity`, l.quantity),
              field: `input.lines[${i}].variantId`,
            };
          });
    const listField = wellness ? "input.wellnessOfferId" : fromCart ? "input.cartLineIds" : "input.lines";
    if (lines.length === 0 || lines.length > MAX_LINES)
      throw new BadUserInputError(listField, `must hold 1 to ${MAX_LINES} lines`);
    if (new Set(lines.map((l) => l.variantId)).size !== lines.length)
      throw new BadUserInputError(listField, "names a product variant twice");
    const address: AddressRow | null = input.shippingAddress
      ? toAddressRow(input.shippingAddress, "input.shippingAddress")
      : (quote?.cart.shippingAddress ?? null);
    if (!address) throw new BadUserInputError("input.shippingAddress", "is required: your cart has no address");

    const variants = await this.catalog.variants(lines.map((l) => l.variantId));
    for (const line of lines) {
      const variant = variants.get(line.variantId);
      const hidden =
        variant?.unavailableReason === "PRODUCT_NOT_ACTIVE" || variant?.unavailableReason === "VENDOR_NOT_APPROVED";
      if (!variant || (hidden && !isVendorMember(viewer, variant.vendorId)))
        throw new NotFoundError("Product variant", line.field);
      if (!variant.purchasable)
        return {
          kind: "LINE_UNAVAILABLE",
          variantId: line.variantId,
          message: `${variant.title} cannot be bought at the moment.`,
        };
    }
    const currency = variants.get(lines[0]!.variantId)!.currency;
    const other = lines.find((l) => variants.get(l.variantId)!.currency !== currency);
    if (other) throw new BadUserInputError(other.field, `is not priced in ${currency} like the plan's other lines`);

    const choices = await this.shippingChoices(
      input,
      quote?.cart.id ?? null,
      [...new Set(lines.map((l) => variants.get(l.variantId)!.vendorId))],
      currency,
    );
    if ("missing" in choices)
      return {
        kind: "SHIPPING_METHOD_REQUIRED",
        vendorId: choices.missing,
        message: "This vendor ships in several ways: choose one for the plan.",
      };

    const now = this.clock();
    const today = isoDay(now);
    const planId = randomUUID();
    const offSession = this.payments.provider.offSession;
    const customerId = offSession
      ? await offSession.createCustomer({ userId: viewer.userId, idempotencyKey: `customer:careplan:${planId}` })
      : null;
    const snapshot = {
      id: planId,
      ownerId: viewer.userId,
      petId: input.petId,
      kind: wellness ? ("WELLNESS" as const) : ("PRODUCTS" as const),
      clinicId: wellness?.clinicId ?? null,
      wellnessOfferId: wellness?.offerId ?? null,
      currency,
      shippingAddress: address,
      shippingChoices: choices.chosen,
      lines: lines.map(({ variantId, quantity }) => ({ variantId, quantity })),
    };
    const outcome = await this.runner.place(
      snapshot,
      today,
      async (manager, order) => {
        await this.plans.insert(manager, {
          ...snapshot,
          intervalUnit: interval.unit,
          intervalCount: interval.count,
          anchorOn: today,
          nextRunOn: runDate(today, interval, 1),
          payOnDelivery: offSession === null,
          paymentCustomer: customerId,
        });
        await this.plans.insertRun(manager, {
          planId,
          periodStart: today,
          status: "ORDERED",
          orderId: order.id,
          nextAttemptAt: new Date(now.getTime() + DAY_MS),
        });
        await writeEvent(
          manager,
          "orders",
          CARE_PLAN_STARTED.create(planId, {
            planId,
            ownerId: viewer.userId,
            petId: input.petId,
            kind: snapshot.kind,
            clinicId: snapshot.clinicId,
            currency,
            startedAt: now.toISOString(),
          }),
        );
      },
      true,
    );
    switch (outcome.kind) {
      case "PRESCRIPTION_SHORT":
        return {
          kind: "PRESCRIPTION_REQUIRED",
          variantId: outcome.short.variantId,
          reason: outcome.short.reason,
          message: `${outcome.short.title} needs a current prescription with refills left for this pet.`,
        };
      case "OUT_OF_STOCK":
        return outcome;
      case "NOT_READY":
      case "SKIPPED":
        throw new BadUserInputError(listField, outcome.kind === "NOT_READY" ? outcome.message : "nothing to order");
      case "PLACED":
        break;
    }
    let payment: PaymentSession | null = null;
    try {
      payment = await this.payments.start(outcome.order, customerId ? { customerId } : undefined);
      if (payment.status === "SUCCEEDED")
        await this.db.query(
          `UPDATE orders.care_plan_runs SET status = 'PAID', updated_at = now() WHERE plan_id = $1 AND order_id = $2`,
          [planId, outcome.order.id],
        );
    } catch (error) {
      ctx.log.warn({ err: error, planId }, "care plan's first payment not started; the owner can call startPayment");
    }
    const plan = (await this.plans.byId(planId))!;
    return { kind: "CREATED", plan, runs: await this.plans.runsOf([planId]), order: outcome.order, payment };
  }

  /** The shipping method per vendor: given, else the cart's choice, else the vendor's only method. */
  private async shippingChoices(
    input: CreateCarePlanInput,
    cartId: string | null,
    vendorIds: string[],
    currency: string,
  ): Promise<{ chosen: Record<string, string> } | { missing: string }> {
    const methods = (await this.settings.shippingMethodsOf(vendorIds)).filter((m) => m.currency === currency);
    const cartChoices = cartId ? await this.cartRows.shippingChoices(cartId) : new Map<string, string>();
    const chosen: Record<string, string> = {};
    for (const [i, given] of (input.shippingMethods ?? []).entries()) {
      if (!vendorIds.includes(given.vendorId))
        throw new NotFoundError("Vendor on this plan", `input.shippingMethods[${i}].vendorId`);
      const method = isUuid(given.shippingMethodId) ? methods.find((m) => m.id === given.shippingMethodId) : undefined;
      if (!method || method.vendorId !== given.vendorId)
        throw new NotFoundError("Shipping method", `input.shippingMethods[${i}].shippingMethodId`);
      chosen[method.vendorId] = method.id;
    }
    for (const vendorId of vendorIds) {
      if (chosen[vendorId]) continue;
      const own = methods.filter((m) => m.vendorId === vendorId);
      const fromCart = own.find((m) => m.id === cartChoices.get(vendorId));
      const method = fromCart ?? (own.length === 1 ? own[0] : undefined);
      if (!method) return { missing: vendorId };
      chosen[vendorId] = method.id;
    }
    return { chosen };
  }

  /** The viewer's own plan, else NOT_FOUND on `field`. */
  private async own(ctx: BaseContext, id: string, field: string, manager?: EntityManager): Promise<CarePlanRow> {
    const viewer = requireViewer(ctx.viewer);
    const plan = isUuid(id) ? await this.plans.byId(id, manager ?? this.db, manager !== undefined) : null;
    if (!plan || plan.ownerId !== viewer.userId) throw new NotFoundError("Care plan", field);
    return plan;
  }

  async carePlan(ctx: BaseContext, id: string): Promise<{ plan: CarePlanRow; runs: CarePlanRunRow[] }> {
    const plan = await this.own(ctx, id, "id");
    return { plan, runs: await this.plans.runsOf([plan.id]) };
  }

  async myCarePlans(ctx: BaseContext, args: { first?: number | null; after?: string | null }) {
    const viewer = requireViewer(ctx.viewer);
    const connection = await paginate(args, {
      keyset: PLAN_PAGE,
      fetch: ({ limit, after }) => this.plans.pageOfOwner(viewer.userId, limit, after ?? null),
    });
    const runs = await this.plans.runsOf(connection.edges.map((e) => e.node.id));
    return { connection, runs };
  }

  /** Applies `change` to the viewer's plan under its row lock; the plan as it is afterwards. */
  private async change(
    ctx: BaseContext,
    id: string,
    change: (manager: EntityManager, plan: CarePlanRow) => Promise<ChangeOutcome | null>,
  ): Promise<ChangeOutcome> {
    const refused = await this.db.transaction(async (manager) =>
      change(manager, await this.own(ctx, id, "input.carePlanId", manager)),
    );
    if (refused) return refused;
    const plan = (await this.plans.byId(id))!;
    return { kind: "CHANGED", plan, runs: await this.plans.runsOf([id]) };
  }

  private static state(plan: CarePlanRow, message: string): ChangeOutcome {
    return { kind: "STATE", status: plan.status, message };
  }

  pause(ctx: BaseContext, id: string): Promise<ChangeOutcome> {
    return this.change(ctx, id, async (manager, plan) => {
      if (plan.status === "PAUSED") return null;
      if (plan.status !== "ACTIVE") return CarePlanService.state(plan, `A ${plan.status} plan cannot be paused.`);
      await this.plans.update(manager, plan.id, { status: "PAUSED" });
      return null;
    });
  }

  /** A paused plan runs again from its first run date that is not past; PAST_DUE resumes only once paid. */
  resume(ctx: BaseContext, id: string): Promise<ChangeOutcome> {
    return this.change(ctx, id, async (manager, plan) => {
      if (plan.status === "ACTIVE") return null;
      if (plan.status === "PAST_DUE")
        return CarePlanService.state(
          plan,
          "The plan's last payment failed: confirm it in the app (its run's clientSecret); the plan resumes once it is paid.",
        );
      if (plan.status !== "PAUSED") return CarePlanService.state(plan, "A cancelled plan cannot be resumed.");
      const interval = { unit: plan.intervalUnit, count: plan.intervalCount };
      const index = firstRunOnOrAfter(plan.anchorOn, interval, plan.nextRunIndex, isoDay(this.clock()));
      await this.plans.update(manager, plan.id, {
        status: "ACTIVE",
        next_run_index: index,
        next_run_on: runDate(plan.anchorOn, interval, index),
      });
      return null;
    });
  }

  /** The next run is skipped: the plan's next run date moves on by one interval. */
  skipNextRun(ctx: BaseContext, id: string): Promise<ChangeOutcome> {
    return this.change(ctx, id, async (manager, plan) => {
      if (plan.status !== "ACTIVE" && plan.status !== "PAUSED")
        return CarePlanService.state(plan, `A ${plan.status} plan has no run to skip.`);
      const index = plan.nextRunIndex + 1;
      await this.plans.update(manager, plan.id, {
        next_run_index: index,
        next_run_on: runDate(plan.anchorOn, { unit: plan.intervalUnit, count: plan.intervalCount }, index),
      });
      return null;
    });
  }

  update(ctx: BaseContext, input: UpdateCarePlanInput): Promise<ChangeOutcome> {
    const interval = input.interval ? intervalOf(input.interval, "input.interval") : null;
    const quantities = (input.quantities ?? []).map((q, i) => ({
      variantId: q.variantId,
      quantity: quantityOf(`input.quantities[${i}].quantity`, q.quantity),
      field: `input.quantities[${i}].variantId`,
    }));
    return this.change(ctx, input.carePlanId, async (manager, plan) => {
      if (plan.status === "CANCELLED") return CarePlanService.state(plan, "A cancelled plan cannot be changed.");
      for (const q of quantities)
        if (!isUuid(q.variantId) || !(await this.plans.setQuantity(manager, plan.id, q.variantId, q.quantity)))
          throw new NotFoundError("Care plan line", q.field);
      // A new interval counts from the next run date, which stays as it is.
      if (interval)
        await this.plans.update(manager, plan.id, {
          interval_unit: interval.unit,
          interval_count: interval.count,
          anchor_on: plan.nextRunOn,
          next_run_index: 0,
        });
      return null;
    });
  }

  cancel(ctx: BaseContext, id: string): Promise<ChangeOutcome> {
    return this.change(ctx, id, async (manager, plan) => {
      if (plan.status === "CANCELLED") return CarePlanService.state(plan, "The plan is already cancelled.");
      await this.billing.cancel(manager, plan, "OWNER", this.clock());
      return null;
    });
  }
}
