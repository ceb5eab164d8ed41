import { isUuid } from "@pawgraph/subgraph-kit";
import { worksAt } from "../access/clinic-roles";
import type { BookingsContext } from "../context";
import { toBooking } from "./booking.mapper";
import type { Booking } from "./booking.type";

/** Other subgraphs refer to bookings by id (messaging's conversations); only their owner and the clinic's staff see them. */
export const bookingReference = {
  async __resolveReference(reference: { id: string }, ctx: BookingsContext): Promise<Booking | null> {
    const viewer = ctx.viewer;
    if (!viewer || !isUuid(reference.id)) return null;
    const row = await ctx.loaders.booking.load(reference.id.toLowerCase());
    return row && (row.holderId === viewer.userId || worksAt(viewer, row.clinicId)) ? toBooking(row) : null;
  },
};
