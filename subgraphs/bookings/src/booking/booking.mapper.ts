import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from "@pawgraph/subgraph-kit";
import type { BookingEntity } from "./booking.entity";
import type { BookingPageQuery } from "./booking.repository";
import { BookingStatus, type Booking, type SlotHold } from "./booking.type";

export function toBooking(row: BookingEntity): Booking {
  return {
    id: row.id,
    status: row.status === "CANCELLED" ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    clinic: { id: row.clinicId } as Booking["clinic"],
    vet: { id: row.vetId },
    pet: { id: row.petId! },
    owner: { id: row.holderId },
    notes: row.notes,
    meetingUrl: row.meetingUrl,
    cancelReason: row.cancelReason,
    revision: row.sequence,
    serviceId: row.serviceId,
  };
}

export function toHold(row: BookingEntity): SlotHold {
  return {
    id: row.id,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    expiresAt: row.expiresAt!,
    vet: { id: row.vetId },
    clinic: { id: row.clinicId } as SlotHold["clinic"],
    serviceId: row.serviceId,
  };
}

/**
 * Pages of bookings as a connection, cursors on (start, id): `args` become a repository query and
 * its rows the edges. Shared by the three connections of bookings (a pet's, a user's, a clinic's).
 */
export async function bookingPage(args: { first?: number | null; after?: string | null }, load: (query: BookingPageQuery) => Promise<BookingEntity[]>): Promise<Connection<Booking>> {
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after, 2) : undefined;
  const rows = await load({ limit, after: cursor ? { startsAt: String(cursor[0]), id: String(cursor[1]) } : undefined });
  const connection = toConnection(rows, limit, args.after, (row) => encodeCursor([row.startsAt.toISOString(), row.id]));
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((e) => ({ cursor: e.cursor, node: toBooking(e.node) })) };
}
