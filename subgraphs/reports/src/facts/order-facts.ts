import type { EntityManager } from "typeorm";
import type { DomainEvent } from "@pawgraph/subgraph-kit";
import {
  CARE_PLAN_CANCELLED,
  CARE_PLAN_STARTED,
  ORDER_CANCELLED,
  ORDER_PAID,
  ORDER_PLACED,
  ORDER_REFUNDED,
  PAYOUT_ENTRY_RECORDED,
} from "../consumed-events";
import { recordActivity } from "./activity";

/**
 * Writes orders' events into the order, vendor order, line, refund, payout and care-plan facts.
 * Every write is an upsert keyed by the producer's id that keeps what an earlier event set, so
 * redelivered and reordered events (a refund before its payment, a cancelled plan before it
 * started) end in the same rows.
 */
export async function applyOrderEvent(event: DomainEvent, manager: EntityManager): Promise<boolean> {
  const at = event.occurredAt;
  if (event.type === ORDER_PLACED.type) {
    const o = ORDER_PLACED.decode(event);
    await upsertOrder(manager, o, { placed_at: at });
    await recordActivity(manager, o.buyerId, at);
    return true;
  }
  if (event.type === ORDER_PAID.type) {
    const o = ORDER_PAID.decode(event);
    await upsertOrder(manager, o, { paid_at: at, amount_minor: o.amountMinor });
    for (const v of o.vendorOrders) {
      await manager.query(
        `INSERT INTO reports.vendor_order_facts
           (vendor_order_id, order_id, vendor_id, currency, total_minor, items_minor, shipping_minor, commission_minor, paid_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          v.vendorOrderId,
          o.orderId,
          v.vendorId,
          o.currency,
          v.totalMinor,
          v.itemsMinor ?? null,
          v.shippingMinor ?? null,
          v.commissionMinor ?? null,
          at,
        ],
      );
      for (const [index, line] of (v.lines ?? []).entries())
        await manager.query(
          `INSERT INTO reports.order_line_facts
             (vendor_order_id, line_no, vendor_id, product_id, variant_id, title, quantity, total_minor, currency, paid_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [
            v.vendorOrderId,
            index,
            v.vendorId,
            line.productId,
            line.variantId,
            line.title,
            line.quantity,
            line.totalMinor,
            o.currency,
            at,
          ],
        );
    }
    return true;
  }
  if (event.type === ORDER_REFUNDED.type) {
    const r = ORDER_REFUNDED.decode(event);
    await manager.query(
      `INSERT INTO reports.refund_facts (refund_id, order_id, amount_minor, currency, refunded_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [r.refundId, r.orderId, r.amountMinor, r.currency, at],
    );
    return true;
  }
  if (event.type === ORDER_CANCELLED.type) {
    const o = ORDER_CANCELLED.decode(event);
    await manager.query(
      `UPDATE reports.order_facts SET cancelled_at = coalesce(cancelled_at, $2) WHERE order_id = $1`,
      [o.orderId, at],
    );
    if (o.cancelledBy) await recordActivity(manager, o.cancelledBy, at);
    return true;
  }
  if (event.type === PAYOUT_ENTRY_RECORDED.type) {
    const p = PAYOUT_ENTRY_RECORDED.decode(event);
    await manager.query(
      `INSERT INTO reports.payout_facts
         (entry_id, vendor_id, order_id, vendor_order_id, direction, amount_minor, commission_minor, currency, settlement, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [
        p.entryId,
        p.vendorId,
        p.orderId,
        p.vendorOrderId,
        p.direction,
        p.amountMinor,
        p.commissionMinor,
        p.currency,
        p.settlement,
        p.occurredAt,
      ],
    );
    return true;
  }
  if (event.type === CARE_PLAN_STARTED.type || event.type === CARE_PLAN_CANCELLED.type) {
    const started = event.type === CARE_PLAN_STARTED.type ? CARE_PLAN_STARTED.decode(event) : null;
    const cancelled = started ? null : CARE_PLAN_CANCELLED.decode(event);
    const plan = (started ?? cancelled)!;
    await manager.query(
      `INSERT INTO reports.care_plan_facts AS f
         (plan_id, owner_id, pet_id, kind, clinic_id, currency, started_at, cancelled_at, cancel_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (plan_id) DO UPDATE SET
         currency = coalesce(f.currency, excluded.currency),
         started_at = coalesce(f.started_at, excluded.started_at),
         cancelled_at = coalesce(f.cancelled_at, excluded.cancelled_at),
         cancel_reason = coalesce(f.cancel_reason, excluded.cancel_reason)`,
      [
        plan.planId,
        plan.ownerId,
        plan.petId,
        plan.kind,
        plan.clinicId,
        started?.currency ?? null,
        started?.startedAt ?? null,
        cancelled?.cancelledAt ?? null,
        cancelled?.reason ?? null,
      ],
    );
    if (started) await recordActivity(manager, started.ownerId, at);
    return true;
  }
  return false;
}

async function upsertOrder(
  manager: EntityManager,
  o: { orderId: string; orderNumber: string; buyerId: string; currency: string },
  set: { placed_at?: Date; paid_at?: Date; amount_minor?: number },
): Promise<void> {
  await manager.query(
    `INSERT INTO reports.order_facts AS f (order_id, order_number, buyer_id, currency, placed_at, paid_at, amount_minor)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (order_id) DO UPDATE SET
       placed_at = coalesce(f.placed_at, excluded.placed_at),
       paid_at = coalesce(f.paid_at, excluded.paid_at),
       amount_minor = coalesce(f.amount_minor, excluded.amount_minor)`,
    [
      o.orderId,
      o.orderNumber,
      o.buyerId,
      o.currency,
      set.placed_at ?? null,
      set.paid_at ?? null,
      set.amount_minor ?? null,
    ],
  );
}
