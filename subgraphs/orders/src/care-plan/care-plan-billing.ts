import { writeEvent, type Logger } from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { OrderRepository } from "../order/order.repository";
import type { OrderRow } from "../order/order.rows";
import type { PaymentService } from "../payment/payment.service";
import { nextRetryAt } from "./care-plan-dates";
import {
  CARE_PLAN_CANCELLED,
  CARE_PLAN_PAST_DUE,
  CARE_PLAN_PAYMENT_ACTION_REQUIRED,
  CARE_PLAN_PAYMENT_FAILED,
} from "./care-plan.events";
import type { CancelReason, CarePlanRepository, CarePlanRow, CarePlanRunRow } from "./care-plan.repository";

const DAY_MS = 86_400_000;

/** How dunning ends: days a PAST_DUE plan waits for its payment before it is cancelled. */
export interface DunningSettings {
  pastDueGraceDays: number;
}

/**
 * Takes a run's money. Offline (pay on delivery): the order is accepted as an offline order.
 * Stripe: an off-session charge of the saved payment method, idempotent by the run key (the first
 * attempt) or the run key with `:retry:{n}` (each dunning retry is a new attempt, which Stripe must
 * not answer from its stored decline). A failure follows the dunning policy: retries after 1, 3 and
 * 7 days from the first failure, then PAST_DUE, then CANCELLED after the grace period; each step
 * writes its event (a notification through messaging).
 */
export class CarePlanBilling {
  constructor(
    private readonly db: DataSource,
    private readonly plans: CarePlanRepository,
    private readonly orders: OrderRepository,
    private readonly payments: PaymentService,
    private readonly dunning: DunningSettings,
    private readonly log: Logger,
  ) {}

  /** The payment method the plan's first (on-session) payment saved, stored on the plan once it succeeded. */
  async savedMethod(plan: CarePlanRow): Promise<{ customerId: string; paymentMethodId: string } | null> {
    if (plan.paymentCustomer && plan.paymentMethod)
      return { customerId: plan.paymentCustomer, paymentMethodId: plan.paymentMethod };
    const offSession = this.payments.provider.offSession;
    if (!offSession) return null;
    const first: { reference: string | null }[] = await this.db.query(
      `SELECT o.payment_reference AS reference FROM orders.care_plan_runs r JOIN orders.orders o ON o.id = r.order_id
        WHERE r.plan_id = $1 AND o.payment_reference IS NOT NULL ORDER BY r.period_start LIMIT 1`,
      [plan.id],
    );
    const reference = first[0]?.reference;
    if (!reference) return null;
    const saved = await offSession.savedPaymentMethod(reference);
    if (!saved) return null;
    await this.plans.update(this.db.manager, plan.id, {
      payment_customer: saved.customerId,
      payment_method: saved.paymentMethodId,
    });
    return saved;
  }

  /** Charges a placed run's order; the run's status afterwards. */
  async charge(plan: CarePlanRow, run: CarePlanRunRow, order: OrderRow, now: Date): Promise<void> {
    if (plan.payOnDelivery || !this.payments.provider.offSession) {
      await this.payments.start(order);
      await this.plans.updateRun(this.db, run.id, { status: "PAID", lease_until: null });
      return;
    }
    const saved = await this.savedMethod(plan);
    if (!saved)
      return this.failed(plan, run, order, now, {
        authentication: false,
        reference: null,
        clientSecret: null,
        message: "No payment method is saved yet: pay the plan's first order in the app.",
      });
    const charge = await this.payments.provider.offSession.chargeOffSession({
      orderId: order.id,
      orderNumber: order.number,
      buyerId: order.buyerId,
      amountMinor: order.totalMinor,
      currency: order.currency,
      customerId: saved.customerId,
      paymentMethodId: saved.paymentMethodId,
      idempotencyKey: run.attempts === 0 ? run.runKey : `${run.runKey}:retry:${run.attempts}`,
    });
    if (charge.reference) await this.orders.setPaymentReference(this.db, order.id, charge.reference);
    if (charge.outcome === "SUCCEEDED" && charge.reference) {
      await this.payments.finalize(charge.reference);
      await this.plans.updateRun(this.db, run.id, { status: "PAID", client_secret: null, lease_until: null });
      return;
    }
    if (charge.outcome === "PROCESSING") {
      // The webhook records the payment; the run looks again tomorrow.
      await this.plans.updateRun(this.db, run.id, {
        status: "ORDERED",
        next_attempt_at: new Date(now.getTime() + DAY_MS),
        lease_until: null,
      });
      return;
    }
    await this.failed(plan, run, order, now, {
      authentication: charge.outcome === "AUTHENTICATION_REQUIRED",
      reference: charge.reference,
      clientSecret: charge.clientSecret,
      message: charge.message ?? "The payment was declined.",
    });
  }

  /** One failed attempt: the next retry, or PAST_DUE when the retries are spent. */
  private async failed(
    plan: CarePlanRow,
    run: CarePlanRunRow,
    order: OrderRow,
    now: Date,
    failure: { authentication: boolean; reference: string | null; clientSecret: string | null; message: string },
  ): Promise<void> {
    const attempt = run.attempts + 1;
    const firstFailedAt = run.firstFailedAt ?? now;
    const next = nextRetryAt(firstFailedAt, attempt);
    const cancelsAt = new Date(now.getTime() + this.dunning.pastDueGraceDays * DAY_MS);
    const ref = { planId: plan.id, ownerId: plan.ownerId, petId: plan.petId };
    await this.db.transaction(async (manager) => {
      await this.plans.updateRun(manager, run.id, {
        status: failure.authentication ? "REQUIRES_ACTION" : "PAYMENT_FAILED",
        attempts: attempt,
        first_failed_at: firstFailedAt,
        next_attempt_at: next ?? cancelsAt,
        client_secret: failure.authentication ? failure.clientSecret : null,
        last_error: failure.message,
        lease_until: null,
      });
      await writeEvent(
        manager,
        "orders",
        CARE_PLAN_PAYMENT_FAILED.create(plan.id, {
          ...ref,
          runKey: run.runKey,
          orderId: order.id,
          attempt,
          nextAttemptAt: next?.toISOString() ?? null,
          reason: failure.message,
        }),
      );
      if (failure.authentication)
        await writeEvent(
          manager,
          "orders",
          CARE_PLAN_PAYMENT_ACTION_REQUIRED.create(plan.id, {
            ...ref,
            runKey: run.runKey,
            orderId: order.id,
          }),
        );
      if (!next) {
        await this.plans.update(manager, plan.id, { status: "PAST_DUE", past_due_at: now });
        await writeEvent(
          manager,
          "orders",
          CARE_PLAN_PAST_DUE.create(plan.id, { ...ref, runKey: run.runKey, cancelsAt: cancelsAt.toISOString() }),
        );
      }
    });
    this.log.info({ planId: plan.id, runKey: run.runKey, attempt, retryAt: next }, "care plan charge failed");
  }

  /** Ends a plan (owner, admin or dunning) in the caller's transaction: pending runs are abandoned. */
  cancel(manager: EntityManager, plan: CarePlanRow, reason: CancelReason, now: Date): Promise<void> {
    return cancelPlan(manager, this.plans, plan, reason, now);
  }
}

/**
 * How every plan ends (owner, admin, dunning, the owner's account erasure), in the caller's transaction:
 * CANCELLED with its reason and time, pending runs abandoned so the scheduler never retries their
 * charge, and care_plan.cancelled written with it.
 */
export async function cancelPlan(
  manager: EntityManager,
  plans: CarePlanRepository,
  plan: CarePlanRow,
  reason: CancelReason,
  now: Date,
): Promise<void> {
  await plans.update(manager, plan.id, { status: "CANCELLED", cancel_reason: reason, cancelled_at: now });
  await manager.query(
    `UPDATE orders.care_plan_runs SET status = 'ABANDONED', lease_until = NULL, updated_at = now()
      WHERE plan_id = $1 AND status IN ('CLAIMED', 'PAYMENT_FAILED', 'REQUIRES_ACTION')`,
    [plan.id],
  );
  await writeEvent(
    manager,
    "orders",
    CARE_PLAN_CANCELLED.create(plan.id, {
      planId: plan.id,
      ownerId: plan.ownerId,
      petId: plan.petId,
      kind: plan.kind,
      clinicId: plan.clinicId,
      reason,
      cancelledAt: now.toISOString(),
    }),
  );
}
