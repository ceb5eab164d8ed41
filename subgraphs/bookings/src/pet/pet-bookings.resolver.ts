import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, isUuid, NotFoundError, paginate, type Connection } from "@pawgraph/subgraph-kit";
import { CLINIC_ROLES } from "../access/clinic-roles";
import { toBooking } from "../booking/booking.mapper";
import { BOOKING_PAGE } from "../booking/booking.repository";
import { BookingConnection, type Booking } from "../booking/booking.type";
import type { BookingsContext } from "../context";
import { Pet } from "./pet.type";

@Resolver(() => Pet)
export class PetBookingsResolver {
  @FieldResolver(() => BookingConnection, {
    nullable: true,
    description:
      "The pet's bookings, newest first: all of them for owners and carers, those at their clinics for clinic staff. Null when the bookings service cannot be reached.",
  })
  async bookings(
    @Root() pet: Pet,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: BookingsContext,
  ): Promise<Connection<Booking>> {
    const facts = await ctx.loaders.petFacts.load(pet.id);
    if (!facts) throw new NotFoundError("Pet", "id");
    const clinicIds =
      facts.relationship === "CLINIC"
        ? [...new Set(ctx.viewer!.memberships.filter((m) => CLINIC_ROLES.includes(m.role)).map((m) => m.clinicId))]
        : undefined;
    // Through the loader: a list of pets asking for their bookings shares one statement.
    return paginate(args, {
      keyset: BOOKING_PAGE,
      fetch: (page) => ctx.loaders.petBookings.load({ parentId: facts.petId, ...page, filter: clinicIds }),
      map: toBooking,
    });
  }
}

export const petReference = {
  __resolveReference(reference: { id: string }): Pet | null {
    return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
  },
};
