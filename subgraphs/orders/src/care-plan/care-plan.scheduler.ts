import { writeEvent, type Logger } from "@pawgraph/subgraph-kit";
import type { DataSource } from "typeorm";
import type { OrderRepository } from "../order/order.repository";
import { changedRows } from "../shared/sql";
import { addDays, isoDay, runDate } from "./care-plan-dates";
import { CARE_PLAN_RUN_UPCOMING } from "./care-plan.events";
import { RUN, runKeyOf, type CarePlanRepository, type CarePlanRunRow } from "./care-plan.repository";
import type { CarePlanBilling } from "./care-plan-billing";
import type { CarePlanRunner } from "./care-plan-runner";

const DAY_MS = 86_400_000;
const RETRY_AFTER_ERROR_MS = 3_600_000;
/** Order statuses in which the money was received. */
const PAID_ORDER = `'PAID', 'PARTIALLY_FULFILLED', 'FULFILLED', 'COMPLETED'`;

export interface CarePlanSettings {
  /** Whether the background loop runs (env `CARE_PLAN_SCHEDULER_ENABLED`); tests tick explicitly. */
  schedulerEnabled: boolean;
  /** How often the loop ticks (env `CARE_PLAN_POLL_MS`). */
  pollMs: number;
  /** "Now" for every schedule decision: the wall clock, or a test's controllable one. */
  clock: () => Date;
  /** Days before a run its reminder goes out (env `CARE_PLAN_REMINDER_DAYS`, default 3). */
  reminderDays: number;
  /** Days a PAST_DUE plan waits for its payment before it is cancelled (env `CARE_PLAN_PAST_DUE_DAYS`). */
  pastDueGraceDays: number;
  /** Plans claimed per statement, and runs placed at once per instance. */
  batchSize: number;
  concurrency: number;
  /** The app link a reminder's skip button opens; `{planId}` and `{runOn}` are filled in. */
  skipUrl: string;
  /** Handed the scheduler once built (tests and the bench tick it explicitly). */
  expose?: (scheduler: CarePlanScheduler) => void;
}

export interface TickReport {
  reminded: number;
  claimed: number;
  processed: number;
  cancelled: number;
  /** Time spent claiming due plans, and placing and charging the leased runs. */
  claimMs: number;
  processMs: number;
}

/**
 * The care plan scheduler, safe with any number of instances on one database. A due plan is claimed
 * under its row lock (`FOR UPDATE SKIP LOCKED`): the claim inserts the period's run under the unique
 * key `careplan:{planId}:{periodStart}` (`ON CONFLICT DO NOTHING`) and moves the plan to its next run
 * date in the same transaction, so a period is claimed once however many ticks race. Runs are then
 * leased (`lease_until`, also under SKIP LOCKED) by one instance at a time to place and charge.
 */
export class CarePlanScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly plans: CarePlanRepository,
    private readonly orders: OrderRepository,
    private readonly runner: CarePlanRunner,
    private readonly billing: CarePlanBilling,
    private readonly settings: CarePlanSettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (!this.settings.schedulerEnabled || this.timer) return;
    const loop = () => {
      this.running = this.tick()
        .catch((error: unknown) => this.log.error({ err: error }, "care plan tick failed"))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(loop, this.settings.pollMs).unref();
        });
    };
    // Unref'd like the other background loops: the process ends when its servers do, not when a tick is due.
    this.timer = setTimeout(loop, this.settings.pollMs).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: reminders, claims of due runs, placing and charging them, retries, and dunning's end. */
  async tick(): Promise<TickReport> {
    const now = this.settings.clock();
    await this.settlePaid();
    const reminded = await this.remind(now);
    const claimStarted = performance.now();
    let claimed = 0;
    for (;;) {
      const n = await this.claim(now);
      claimed += n;
      if (n < this.settings.batchSize) break;
    }
    const processStarted = performance.now();
    let processed = 0;
    for (;;) {
      const runs = await this.lease(now);
      if (runs.length === 0) break;
      processed += runs.length;
      await this.inParallel(runs, (run) =>
        this.process(run, now).catch(async (error: unknown) => {
          // A collaborator failed (catalog, ehr or the provider unreachable): the run is tried again an
          // hour later on the scheduler's clock, from where it stopped (its order is never placed twice).
          this.log.error({ err: error, runKey: run.runKey }, "care plan run failed; retried in an hour");
          await this.plans.updateRun(this.db, run.id, {
            lease_until: null,
            next_attempt_at: new Date(now.getTime() + RETRY_AFTER_ERROR_MS),
          });
        }),
      );
    }
    const processMs = performance.now() - processStarted;
    const cancelled = await this.endDunning(now);
    return { reminded, claimed, processed, cancelled, claimMs: processStarted - claimStarted, processMs };
  }

  /**
   * Runs whose order got paid outside the scheduler (the owner confirmed in the app; the webhook or
   * finalizePayment recorded it) are settled: a PAST_DUE plan is active again, and a plan whose first
   * order this was keeps the payment method it saved.
   */
  private async settlePaid(): Promise<void> {
    const settled = await changedRows<{ planId: string }>(
      this.db,
      `UPDATE orders.care_plan_runs r SET status = 'PAID', client_secret = NULL, updated_at = now()
         FROM orders.orders o
        WHERE o.id = r.order_id AND r.status IN ('ORDERED', 'PAYMENT_FAILED', 'REQUIRES_ACTION')
          AND o.status IN (${PAID_ORDER})
      RETURNING r.plan_id AS "planId"`,
      [],
    );
    for (const planId of new Set(settled.map((s) => s.planId))) {
      const plan = await this.plans.byId(planId);
      if (!plan) continue;
      if (plan.status === "PAST_DUE")
        await this.plans.update(this.db.manager, plan.id, { status: "ACTIVE", past_due_at: null });
      // The provider unreachable: read again at the next tick (or when the plan's next run charges).
      if (!plan.paymentMethod && !plan.payOnDelivery)
        await this.billing
          .savedMethod(plan)
          .catch((error: unknown) => this.log.warn({ err: error, planId }, "saved payment method not read yet"));
    }
  }

  /** A reminder `reminderDays` before each run, once per run date (`reminded_for`). */
  private async remind(now: Date): Promise<number> {
    const today = isoDay(now);
    return this.db.transaction(async (manager) => {
      const rows = await changedRows<{ id: string; ownerId: string; petId: string; runOn: string }>(
        manager,
        `UPDATE orders.care_plans SET reminded_for = next_run_on, updated_at = now()
          WHERE status = 'ACTIVE' AND next_run_on > $1::date AND next_run_on <= $2::date
            AND reminded_for IS DISTINCT FROM next_run_on
        RETURNING id, owner_id AS "ownerId", pet_id AS "petId", to_char(next_run_on, 'YYYY-MM-DD') AS "runOn"`,
        [today, addDays(today, this.settings.reminderDays)],
      );
      for (const r of rows)
        await writeEvent(
          manager,
          "orders",
          CARE_PLAN_RUN_UPCOMING.create(r.id, {
            planId: r.id,
            ownerId: r.ownerId,
            petId: r.petId,
            runOn: r.runOn,
            skipUrl: this.settings.skipUrl.replace("{planId}", r.id).replace("{runOn}", r.runOn),
          }),
        );
      return rows.length;
    });
  }

  /** Claims up to a batch of due plans: one run per plan and period, the plan moved to its next date. */
  private async claim(now: Date): Promise<number> {
    const today = isoDay(now);
    return this.db.transaction(async (manager) => {
      const due: {
        id: string;
        nextRunOn: string;
        nextRunIndex: number;
        anchorOn: string;
        intervalUnit: "WEEK" | "MONTH";
        intervalCount: number;
      }[] = await manager.query(
        `SELECT id, to_char(next_run_on, 'YYYY-MM-DD') AS "nextRunOn", next_run_index AS "nextRunIndex",
                to_char(anchor_on, 'YYYY-MM-DD') AS "anchorOn", interval_unit AS "intervalUnit",
                interval_count AS "intervalCount"
           FROM orders.care_plans WHERE status = 'ACTIVE' AND next_run_on <= $1::date
          ORDER BY next_run_on LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [today, this.settings.batchSize],
      );
      if (due.length === 0) return 0;
      await manager.query(
        `INSERT INTO orders.care_plan_runs (plan_id, period_start, run_key, next_attempt_at)
         SELECT p, d, k, $4 FROM unnest($1::uuid[], $2::date[], $3::text[]) AS t(p, d, k)
         ON CONFLICT DO NOTHING`,
        [due.map((p) => p.id), due.map((p) => p.nextRunOn), due.map((p) => runKeyOf(p.id, p.nextRunOn)), now],
      );
      const next = due.map((p) => {
        // A plan whose runs were missed (the scheduler was down) runs once now, then on its calendar.
        let index = p.nextRunIndex + 1;
        const interval = { unit: p.intervalUnit, count: p.intervalCount };
        while (runDate(p.anchorOn, interval, index) <= today) index += 1;
        return { id: p.id, index, on: runDate(p.anchorOn, interval, index) };
      });
      await manager.query(
        `UPDATE orders.care_plans p SET next_run_index = t.i, next_run_on = t.d, updated_at = now()
           FROM unnest($1::uuid[], $2::int[], $3::date[]) AS t(id, i, d) WHERE p.id = t.id`,
        [next.map((n) => n.id), next.map((n) => n.index), next.map((n) => n.on)],
      );
      return due.length;
    });
  }

  /** Leases runs whose next step is due to this instance for a few minutes (crash-safe: the lease lapses). */
  private lease(now: Date): Promise<CarePlanRunRow[]> {
    return changedRows<CarePlanRunRow>(
      this.db,
      `UPDATE orders.care_plan_runs r SET lease_until = now() + interval '5 minutes'
        WHERE r.id IN (SELECT id FROM orders.care_plan_runs
                        WHERE status IN ('CLAIMED', 'ORDERED', 'PAYMENT_FAILED', 'REQUIRES_ACTION')
                          AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING ${RUN}`,
      [now, this.settings.batchSize],
    );
  }

  private async inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await work(item).catch((error: unknown) => this.log.error({ err: error }, "care plan run failed"));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, items.length) }, worker));
  }

  /** The next step of one leased run. */
  private async process(run: CarePlanRunRow, now: Date): Promise<void> {
    const plan = await this.plans.byId(run.planId);
    if (!plan) return;
    const release = { lease_until: null };
    if (run.orderId) {
      const order = (await this.orders.byId(run.orderId))!;
      if (["PAID", "PARTIALLY_FULFILLED", "FULFILLED", "COMPLETED"].includes(order.status)) {
        // Paid meanwhile (the owner confirmed in the app, or the webhook came): the run is settled.
        await this.plans.updateRun(this.db, run.id, { status: "PAID", client_secret: null, ...release });
        if (plan.status === "PAST_DUE")
          await this.plans.update(this.db.manager, plan.id, { status: "ACTIVE", past_due_at: null });
        if (!plan.paymentMethod && !plan.payOnDelivery) await this.billing.savedMethod(plan);
        return;
      }
      if (plan.status === "CANCELLED" || order.status !== "PAYMENT_PENDING")
        return this.plans.updateRun(this.db, run.id, { status: "ABANDONED", ...release });
      // Placed but never charged (the instance failed in between): charge now. Offline acceptance is
      // idempotent, and a Stripe order without a payment reference was never sent to Stripe.
      if (run.status === "ORDERED" && plan.status === "ACTIVE" && (plan.payOnDelivery || !order.paymentReference))
        return this.billing.charge(plan, run, order, now);
      if (run.status === "ORDERED" || plan.status === "PAST_DUE") {
        // A first (on-session) order, a charge still processing, or dunning's grace: look again later.
        return this.plans.updateRun(this.db, run.id, {
          next_attempt_at: new Date(now.getTime() + DAY_MS),
          ...release,
        });
      }
      return this.billing.charge(plan, run, order, now);
    }
    if (plan.status === "CANCELLED" || plan.status === "PAUSED")
      return this.plans.updateRun(this.db, run.id, { status: "ABANDONED", ...release });
    const outcome = await this.runner.place(plan, run.periodStart, async (manager, order, skipped) => {
      await this.plans.updateRun(manager, run.id, { status: "ORDERED", order_id: order.id, skipped_lines: skipped });
    });
    if (outcome.kind === "PLACED") {
      const fresh = { ...run, status: "ORDERED" as const, orderId: outcome.order.id };
      return this.billing.charge(plan, fresh, outcome.order, now);
    }
    if (outcome.kind === "SKIPPED") {
      await this.db.transaction(async (manager) => {
        await this.plans.updateRun(manager, run.id, {
          status: "SKIPPED",
          skipped_lines: outcome.skipped,
          ...release,
        });
        await this.runner.tellShort(manager, plan, run.periodStart, outcome.short);
      });
      return;
    }
    const message =
      outcome.kind === "OUT_OF_STOCK"
        ? `Only ${outcome.available} of ${outcome.requested} units were in stock.`
        : outcome.kind === "NOT_READY"
          ? outcome.message
          : "The order could not be placed.";
    await this.plans.updateRun(this.db, run.id, { status: "FAILED", last_error: message, ...release });
  }

  /** PAST_DUE plans whose grace ran out are cancelled (reason DUNNING). */
  private async endDunning(now: Date): Promise<number> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM orders.care_plans WHERE status = 'PAST_DUE' AND past_due_at <= $1`,
      [new Date(now.getTime() - this.settings.pastDueGraceDays * DAY_MS)],
    );
    let cancelled = 0;
    for (const { id } of due)
      await this.db.transaction(async (manager) => {
        const plan = await this.plans.byId(id, manager, true);
        if (plan?.status !== "PAST_DUE") return;
        await this.billing.cancel(manager, plan, "DUNNING", now);
        cancelled += 1;
      });
    return cancelled;
  }
}
