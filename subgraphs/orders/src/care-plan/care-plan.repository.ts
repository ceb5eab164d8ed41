import type { DataSource, EntityManager } from "typeorm";
import type { AddressRow } from "../cart/cart.repository";
import { changedRows } from "../shared/sql";
import type { IntervalUnit } from "./care-plan-dates";

export type CarePlanStatus = "ACTIVE" | "PAUSED" | "PAST_DUE" | "CANCELLED";
export type CarePlanKind = "PRODUCTS" | "WELLNESS";
export type CancelReason = "OWNER" | "DUNNING" | "ADMIN";
export type RunStatus =
  "CLAIMED" | "ORDERED" | "PAID" | "PAYMENT_FAILED" | "REQUIRES_ACTION" | "SKIPPED" | "FAILED" | "ABANDONED";

export interface CarePlanLineRow {
  variantId: string;
  quantity: number;
}

export interface CarePlanRow {
  id: string;
  ownerId: string;
  petId: string;
  kind: CarePlanKind;
  clinicId: string | null;
  wellnessOfferId: string | null;
  status: CarePlanStatus;
  currency: string;
  intervalUnit: IntervalUnit;
  intervalCount: number;
  anchorOn: string;
  nextRunIndex: number;
  nextRunOn: string;
  shippingAddress: AddressRow;
  /** vendor id → shipping method id. */
  shippingChoices: Record<string, string>;
  payOnDelivery: boolean;
  paymentCustomer: string | null;
  paymentMethod: string | null;
  pastDueAt: Date | null;
  cancelReason: CancelReason | null;
  cancelledAt: Date | null;
  createdAt: Date;
  lines: CarePlanLineRow[];
}

export interface SkippedLine {
  variantId: string;
  title: string;
  reason: string;
}

export interface CarePlanRunRow {
  id: string;
  planId: string;
  periodStart: string;
  runKey: string;
  status: RunStatus;
  orderId: string | null;
  attempts: number;
  firstFailedAt: Date | null;
  nextAttemptAt: Date;
  clientSecret: string | null;
  lastError: string | null;
  skippedLines: SkippedLine[];
  createdAt: Date;
}

const PLAN = `p.id, p.owner_id AS "ownerId", p.pet_id AS "petId", p.kind, p.clinic_id AS "clinicId",
  p.wellness_offer_id AS "wellnessOfferId", p.status,
  p.currency, p.interval_unit AS "intervalUnit", p.interval_count AS "intervalCount",
  to_char(p.anchor_on, 'YYYY-MM-DD') AS "anchorOn", p.next_run_index AS "nextRunIndex",
  to_char(p.next_run_on, 'YYYY-MM-DD') AS "nextRunOn", p.shipping_address AS "shippingAddress",
  p.shipping_choices AS "shippingChoices", p.pay_on_delivery AS "payOnDelivery",
  p.payment_customer AS "paymentCustomer", p.payment_method AS "paymentMethod", p.past_due_at AS "pastDueAt",
  p.cancel_reason AS "cancelReason", p.cancelled_at AS "cancelledAt", p.created_at AS "createdAt",
  COALESCE((SELECT json_agg(json_build_object('variantId', l.variant_id, 'quantity', l.quantity) ORDER BY l.position)
    FROM orders.care_plan_lines l WHERE l.plan_id = p.id), '[]') AS lines`;

export const RUN = `r.id, r.plan_id AS "planId", to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart",
  r.run_key AS "runKey", r.status, r.order_id AS "orderId", r.attempts, r.first_failed_at AS "firstFailedAt",
  r.next_attempt_at AS "nextAttemptAt", r.client_secret AS "clientSecret", r.last_error AS "lastError",
  r.skipped_lines AS "skippedLines", r.created_at AS "createdAt"`;

type Db = DataSource | EntityManager;

export interface NewCarePlan {
  id: string;
  ownerId: string;
  petId: string;
  kind: CarePlanKind;
  /** The clinic offering a WELLNESS plan, and its offer; null for PRODUCTS. */
  clinicId: string | null;
  wellnessOfferId: string | null;
  currency: string;
  intervalUnit: IntervalUnit;
  intervalCount: number;
  anchorOn: string;
  nextRunOn: string;
  shippingAddress: AddressRow;
  shippingChoices: Record<string, string>;
  payOnDelivery: boolean;
  paymentCustomer: string | null;
  lines: CarePlanLineRow[];
}

/** The unique key of a plan's run for one period: what makes a run happen once, whoever claims it. */
export const runKeyOf = (planId: string, periodStart: string): string => `careplan:${planId}:${periodStart}`;

/** Care plans, their lines and runs. */
export class CarePlanRepository {
  constructor(private readonly db: DataSource) {}

  async byId(id: string, db: Db = this.db, lock = false): Promise<CarePlanRow | null> {
    const rows: CarePlanRow[] = await db.query(
      `SELECT ${PLAN} FROM orders.care_plans p WHERE p.id = $1${lock ? " FOR UPDATE OF p" : ""}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** One page of an owner's plans, newest first, after the keyset cursor (createdAt, id). */
  pageOfOwner(ownerId: string, limit: number, after: [Date, string] | null): Promise<CarePlanRow[]> {
    return this.db.query(
      `SELECT ${PLAN} FROM orders.care_plans p WHERE p.owner_id = $1
          AND ($3::timestamptz IS NULL OR (p.created_at, p.id) < ($3::timestamptz, $4::uuid))
        ORDER BY p.created_at DESC, p.id DESC LIMIT $2`,
      [ownerId, limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  /** An owner's plans that are not cancelled yet, locked in the caller's transaction (in id order: no deadlocks). */
  notCancelledOfOwner(manager: EntityManager, ownerId: string): Promise<CarePlanRow[]> {
    return manager.query(
      `SELECT ${PLAN} FROM orders.care_plans p WHERE p.owner_id = $1 AND p.status <> 'CANCELLED'
        ORDER BY p.id FOR UPDATE OF p`,
      [ownerId],
    );
  }

  async insert(manager: EntityManager, plan: NewCarePlan): Promise<void> {
    await manager.query(
      `INSERT INTO orders.care_plans (id, owner_id, pet_id, kind, status, currency, interval_unit, interval_count,
         anchor_on, next_run_index, next_run_on, shipping_address, shipping_choices, pay_on_delivery, payment_customer,
         clinic_id, wellness_offer_id)
       VALUES ($1, $2, $3, $13, 'ACTIVE', $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $14, $15)`,
      [
        plan.id,
        plan.ownerId,
        plan.petId,
        plan.currency,
        plan.intervalUnit,
        plan.intervalCount,
        plan.anchorOn,
        plan.nextRunOn,
        JSON.stringify(plan.shippingAddress),
        JSON.stringify(plan.shippingChoices),
        plan.payOnDelivery,
        plan.paymentCustomer,
        plan.kind,
        plan.clinicId,
        plan.wellnessOfferId,
      ],
    );
    await manager.query(
      `INSERT INTO orders.care_plan_lines (plan_id, variant_id, quantity, position)
       SELECT $1, v, q, n FROM unnest($2::uuid[], $3::int[]) WITH ORDINALITY AS t(v, q, n)`,
      [plan.id, plan.lines.map((l) => l.variantId), plan.lines.map((l) => l.quantity)],
    );
  }

  async update(manager: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    await manager.query(
      `UPDATE orders.care_plans SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(", ")}, updated_at = now() WHERE id = $1`,
      [id, ...columns.map((c) => set[c])],
    );
  }

  async setQuantity(manager: EntityManager, planId: string, variantId: string, quantity: number): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `UPDATE orders.care_plan_lines SET quantity = $3 WHERE plan_id = $1 AND variant_id = $2 RETURNING variant_id`,
      [planId, variantId, quantity],
    );
    return rows.length > 0;
  }

  async runsOf(planIds: string[], db: Db = this.db): Promise<CarePlanRunRow[]> {
    return db.query(
      `SELECT ${RUN} FROM orders.care_plan_runs r WHERE r.plan_id = ANY($1::uuid[]) ORDER BY r.period_start DESC`,
      [planIds],
    );
  }

  async insertRun(
    manager: EntityManager,
    run: { planId: string; periodStart: string; status: RunStatus; orderId: string | null; nextAttemptAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO orders.care_plan_runs (plan_id, period_start, run_key, status, order_id, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [run.planId, run.periodStart, runKeyOf(run.planId, run.periodStart), run.status, run.orderId, run.nextAttemptAt],
    );
  }

  async updateRun(db: Db, id: string, set: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(set);
    await db.query(
      `UPDATE orders.care_plan_runs SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(", ")}, updated_at = now() WHERE id = $1`,
      [id, ...columns.map((c) => (c === "skipped_lines" ? JSON.stringify(set[c]) : set[c]))],
    );
  }
}
