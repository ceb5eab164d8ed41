import type { EntityManager } from "typeorm";
import type { DomainEvent } from "@pawgraph/subgraph-kit";
import { MESSAGE_SENT, REMINDER_DUE, STOCK_LOW, VENDOR_APPROVED } from "../consumed-events";
import { recordActivity } from "./activity";

/**
 * Writes catalog's vendors and low-stock alerts, ehr's reminders and messaging's senders into facts.
 * A low-stock row keeps the newest alert per variant and location (an older one arriving late is ignored).
 */
export async function applyOtherEvent(event: DomainEvent, manager: EntityManager): Promise<boolean> {
  const at = event.occurredAt;
  if (event.type === VENDOR_APPROVED.type) {
    const v = VENDOR_APPROVED.decode(event);
    await manager.query(
      `INSERT INTO reports.vendor_facts (vendor_id, name, clinic_id) VALUES ($1, $2, $3)
       ON CONFLICT (vendor_id) DO UPDATE SET name = excluded.name, clinic_id = coalesce(excluded.clinic_id, reports.vendor_facts.clinic_id)`,
      [v.vendorId, v.name, v.clinicId ?? null],
    );
    return true;
  }
  if (event.type === STOCK_LOW.type) {
    const s = STOCK_LOW.decode(event);
    await manager.query(
      `INSERT INTO reports.stock_low_facts AS f
         (vendor_id, variant_id, location_id, product_id, product_title, sku, available, low_level, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (vendor_id, variant_id, location_id) DO UPDATE SET
         product_title = excluded.product_title, sku = excluded.sku, available = excluded.available,
         low_level = excluded.low_level, reported_at = excluded.reported_at
       WHERE excluded.reported_at >= f.reported_at`,
      [s.vendorId, s.variantId, s.locationId, s.productId, s.productTitle, s.sku, s.available, s.lowLevel, at],
    );
    return true;
  }
  if (event.type === REMINDER_DUE.type) {
    const r = REMINDER_DUE.decode(event);
    await manager.query(
      `INSERT INTO reports.reminder_facts (reminder_id, pet_id, code, title, due_on, sent_at, clinic_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [r.reminderId, r.petId, r.code, r.title, r.dueOn, at, r.clinicId ?? null],
    );
    return true;
  }
  if (event.type === MESSAGE_SENT.type) {
    await recordActivity(manager, MESSAGE_SENT.decode(event).senderId, at);
    return true;
  }
  return false;
}
