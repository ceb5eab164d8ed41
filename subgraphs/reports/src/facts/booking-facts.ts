import type { EntityManager } from "typeorm";
import type { DomainEvent } from "@pawgraph/subgraph-kit";
import { BOOKING_CANCELLED, BOOKING_CONFIRMED, BOOKING_NO_SHOW, BOOKING_RESCHEDULED } from "../consumed-events";
import { recordActivity } from "./activity";

/**
 * Writes bookings' events into `booking_facts`, one row per booking, whatever order the events
 * arrive in: each event fills the columns it knows (an earlier-written value is kept when the event
 * lacks it), the appointment time follows the highest `sequence`, and cancellation and no-show
 * times are kept once set.
 */
export async function applyBookingEvent(event: DomainEvent, manager: EntityManager): Promise<boolean> {
  const at = event.occurredAt;
  if (event.type === BOOKING_CONFIRMED.type) {
    const b = BOOKING_CONFIRMED.decode(event);
    await upsert(manager, b, { ...prices(b), confirmed_at: at });
    await recordActivity(manager, b.ownerId, at);
    return true;
  }
  if (event.type === BOOKING_RESCHEDULED.type) {
    await upsert(manager, BOOKING_RESCHEDULED.decode(event), {});
    return true;
  }
  if (event.type === BOOKING_CANCELLED.type) {
    const b = BOOKING_CANCELLED.decode(event);
    await upsert(manager, b, {
      ...prices(b),
      cancelled_at: at,
      cancelled_by: b.cancelledBy ?? null,
      cancelled_by_role: b.cancelledByRole ?? null,
    });
    if (b.cancelledBy) await recordActivity(manager, b.cancelledBy, at);
    return true;
  }
  if (event.type === BOOKING_NO_SHOW.type) {
    const b = BOOKING_NO_SHOW.decode(event);
    await upsert(manager, b, { ...prices(b), no_show_at: at, marked_by: b.markedBy });
    await recordActivity(manager, b.markedBy, at);
    return true;
  }
  return false;
}

/** The service's name and price, which bookings' events carry since reports existed (older ones lack them). */
function prices(b: { serviceName?: string; priceMinor?: number; currency?: string }): Extra {
  return { service_name: b.serviceName ?? null, price_minor: b.priceMinor ?? null, currency: b.currency ?? null };
}

interface BookingKey {
  bookingId: string;
  clinicId: string;
  clinicTimeZone: string;
  serviceId: string;
  petId: string | null;
  ownerId: string;
  startsAt: string;
  sequence: number;
}

type Extra = Partial<
  Record<
    | "service_name"
    | "price_minor"
    | "currency"
    | "confirmed_at"
    | "cancelled_at"
    | "cancelled_by"
    | "cancelled_by_role"
    | "no_show_at"
    | "marked_by",
    string | number | Date | null
  >
>;

const EXTRA_COLUMNS = [
  "service_name",
  "price_minor",
  "currency",
  "confirmed_at",
  "cancelled_at",
  "cancelled_by",
  "cancelled_by_role",
  "no_show_at",
  "marked_by",
] as const;

async function upsert(manager: EntityManager, b: BookingKey, extra: Extra): Promise<void> {
  const values = EXTRA_COLUMNS.map((column) => extra[column] ?? null);
  // Times of the first confirmation/cancellation/no-show win (a redelivered or late one changes nothing).
  const keep = (column: string) =>
    column.endsWith("_at") ? `coalesce(f.${column}, excluded.${column})` : `coalesce(excluded.${column}, f.${column})`;
  await manager.query(
    `INSERT INTO reports.booking_facts AS f
       (booking_id, clinic_id, clinic_time_zone, service_id, pet_id, owner_id, starts_at, sequence,
        ${EXTRA_COLUMNS.join(", ")})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${EXTRA_COLUMNS.map((_, i) => `$${i + 9}`).join(", ")})
     ON CONFLICT (booking_id) DO UPDATE SET
       clinic_time_zone = CASE WHEN excluded.sequence > f.sequence THEN excluded.clinic_time_zone ELSE f.clinic_time_zone END,
       starts_at = CASE WHEN excluded.sequence > f.sequence THEN excluded.starts_at ELSE f.starts_at END,
       sequence = greatest(f.sequence, excluded.sequence),
       ${EXTRA_COLUMNS.map((column) => `${column} = ${keep(column)}`).join(",\n       ")}`,
    [b.bookingId, b.clinicId, b.clinicTimeZone, b.serviceId, b.petId, b.ownerId, b.startsAt, b.sequence, ...values],
  );
}
