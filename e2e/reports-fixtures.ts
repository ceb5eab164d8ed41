import { DateTime } from "luxon";
import { FACT_EVENTS } from "@pawgraph/reports";
import {
  AddClinicServiceDocument,
  AddToCartDocument,
  CancelBookingDocument,
  MarkBookingNoShowDocument,
  OrderDocument,
  PlaceOrderDocument,
  RefundOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { berlin, bookSlot } from "./bookings-fixtures";
import { sql } from "./catalog-fixtures";
import { adminToken, eventually, execute, registerVerifiedUser, type Stack } from "./harness";
import { US_ADDRESS } from "./orders-fixtures";

/** The local (Berlin) day of an instant, YYYY-MM-DD: the clinic report's DAY period. */
export const berlinDay = (iso: string) => DateTime.fromISO(iso).setZone("Europe/Berlin").toISODate()!;

/** Today in Berlin plus `days`, YYYY-MM-DD. */
export const berlinToday = (days = 0) => DateTime.now().setZone("Europe/Berlin").plus({ days }).toISODate()!;

/** A second service at a clinic, added by its admin; its id. */
export async function addService(
  stack: Stack,
  clinic: { clinicId: string; clinicAdmin: { token: string } },
  name: string,
  priceCents: number,
): Promise<string> {
  const added = await execute(
    stack.gateway.url,
    AddClinicServiceDocument,
    { input: { clinicId: clinic.clinicId, name, durationMinutes: 30, priceCents, kind: "IN_PERSON" } },
    clinic.clinicAdmin.token,
  );
  if (!added.data) throw new Error(JSON.stringify(added.errors));
  return added.data.addClinicService.id;
}

/** A booking at `clinic` for `serviceId`, `days` from today at `time` (Berlin); its id and start. */
export async function bookAt(
  stack: Stack,
  owner: { token: string },
  petId: string,
  clinic: { clinicId: string },
  serviceId: string,
  vetId: string,
  days: number,
  time: string,
) {
  const startsAt = berlin(days, time);
  const booking = await bookSlot(stack, owner, petId, { clinicId: clinic.clinicId, serviceId }, vetId, startsAt);
  return { id: booking.id, startsAt };
}

export async function cancelBooking(stack: Stack, token: string, bookingId: string, reason?: string) {
  const result = await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId, reason } }, token);
  if (result.data?.cancelBooking.__typename !== "Booking") throw new Error(JSON.stringify(result));
}

/**
 * Marks a booking a no-show the way a vet would once it has started: no API books the past, so the
 * appointment is first moved to 20 minutes ago in bookings' table (as e2e/bookings-report-facts does).
 */
export async function markNoShow(stack: Stack, vetToken: string, bookingId: string) {
  await sql(
    stack,
    `UPDATE bookings.appointments SET starts_at = now() - interval '20 minutes',
       ends_at = now() - interval '20 minutes' + (ends_at - starts_at) WHERE id = $1`,
    [bookingId],
  );
  const marked = await execute(stack.gateway.url, MarkBookingNoShowDocument, { input: { bookingId } }, vetToken);
  if (marked.errors) throw new Error(JSON.stringify(marked.errors));
}

/** A verified buyer's paid order (offline provider) of `quantity` units of a variant; the order as a platform admin reads it. */
export async function paidOrder(stack: Stack, variantId: string, quantity: number, label = "buyer") {
  const buyer = await registerVerifiedUser(stack, label);
  const added = await execute(stack.gateway.url, AddToCartDocument, { input: { variantId, quantity } }, buyer.token);
  if (added.errors) throw new Error(JSON.stringify(added.errors));
  await execute(stack.gateway.url, SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  await execute(stack.gateway.url, StartCheckoutDocument, {}, buyer.token);
  const placed = await execute(stack.gateway.url, PlaceOrderDocument, {}, buyer.token);
  if (placed.data?.placeOrder.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const read = await execute(
    stack.gateway.url,
    OrderDocument,
    { id: placed.data.placeOrder.order.id },
    await adminToken(stack),
  );
  return { buyer, order: read.data!.order! };
}

/** A platform admin refunds `amountMinor` of an order; the refund's amount as granted. */
export async function refund(stack: Stack, orderId: string, amountMinor: number): Promise<number> {
  const result = await execute(
    stack.gateway.url,
    RefundOrderDocument,
    { input: { orderId, amountMinor, includeShipping: false, restock: false, reason: "Bag arrived torn" } },
    await adminToken(stack),
  );
  if (result.data?.refundOrder.status !== "SUCCEEDED") throw new Error(JSON.stringify(result));
  return result.data.refundOrder.amount.amountMinor;
}

/**
 * Waits until reports has applied every event it reads that the subgraphs have written so far: the
 * barrier between "the test did things" and "the reports show them" (the consumer is asynchronous).
 */
export async function reportsCaughtUp(stack: Stack, timeoutMs = 20_000): Promise<void> {
  const types = FACT_EVENTS.map((reader) => reader.type);
  const outboxes = ["bookings", "catalog", "ehr", "messaging", "orders"]
    .map((schema) => `SELECT id FROM ${schema}.outbox WHERE type = ANY($1)`)
    .join(" UNION ALL ");
  await eventually(
    async () =>
      (
        await sql<{ n: number }>(
          stack,
          `SELECT count(*)::int AS n FROM (${outboxes}) o
            WHERE NOT EXISTS (SELECT 1 FROM reports.processed_events p WHERE p.consumer = 'reports.facts' AND p.event_id = o.id)`,
          [types],
        )
      )[0]!.n,
    (waiting) => waiting === 0,
    timeoutMs,
  );
}
